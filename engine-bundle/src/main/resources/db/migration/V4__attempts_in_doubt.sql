-- Exactly once: an attempt is recorded (status SENDING, its key, when) before every remote write, and
-- in_doubt says the document may be in the accounting system from an attempt whose answer was never
-- recorded. It is cleared only when the remote document is known; every other change keeps it, so the
-- next attempt always looks in the accounting system before writing.
ALTER TABLE journal ADD COLUMN in_doubt BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE journal ADD COLUMN attempt_key VARCHAR(64);
ALTER TABLE journal ADD COLUMN attempt_at TIMESTAMP WITH TIME ZONE;
-- Bumped by every retry an admin asks for: its key is fresh even when the content is not, so a stored refusal
-- (Intuit replays a requestid's answer, faults included) never answers it.
ALTER TABLE journal ADD COLUMN key_epoch INT DEFAULT 0 NOT NULL;
UPDATE journal SET in_doubt = TRUE WHERE status = 'OUTCOME_UNKNOWN';

-- Who this installation is: part of every idempotency key, so two installations sharing one app (or a
-- journal rebuilt from scratch, whose row ids start again at 1) never send the same key for different
-- documents. One row, written by the first engine to start (nodes sharing the journal share it).
CREATE TABLE installation (
    singleton           INT           PRIMARY KEY CHECK (singleton = 1),
    id                  VARCHAR(36)   NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
