-- The accounting system each company's new documents go to, when an admin chose one for it; a company without a row
-- follows the provider in Config Admin. Who chose it and when are kept for status displays. The value may name a
-- provider that is not installed (its documents wait) or be 'none'.
CREATE TABLE company_providers (
    company_id          VARCHAR(64)   PRIMARY KEY,
    provider            VARCHAR(32)   NOT NULL,
    chosen_by           VARCHAR(200)  NOT NULL,
    chosen_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- True while a document's latest attempt ended in the accounting system's own refusal of it: the push looked the
-- document up first whenever it was in doubt (the providers' contract) and found it absent, so an admin may rebind it
-- to another provider although its doubt flag stays set. Any new attempt clears it.
ALTER TABLE journal ADD COLUMN absent_after_lookup BOOLEAN DEFAULT FALSE NOT NULL;
