-- Webhooks and polls name invoices by their remote id.
CREATE INDEX journal_remote ON journal (provider, remote_id);
-- Where the polling backstop resumes, per connection.
ALTER TABLE connections ADD COLUMN poll_watermark TIMESTAMP WITH TIME ZONE;
