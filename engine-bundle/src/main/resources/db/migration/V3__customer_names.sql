-- Two-way name sync compares a contact's name in the accounting system with the name the host
-- last knew it by; contact webhooks name contacts by their remote id.
ALTER TABLE customer_links ADD COLUMN known_name VARCHAR(500);
CREATE INDEX customer_links_remote ON customer_links (company_id, provider, remote_id);
