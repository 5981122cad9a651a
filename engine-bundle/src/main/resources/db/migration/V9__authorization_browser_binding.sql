-- A connection begun from the admin API is bound to the admin's browser session: the SHA-256 of the session's binding
-- secret, which the callback must bring back in a cookie. Null for one begun through the Java API or the shell.
ALTER TABLE authorizations ADD COLUMN browser_binding VARCHAR(64);
