-- A connection's last error keeps the accounting system's own words (e.g. "400 invalid_client: ... check client.id
-- and client.secret"), which tell an admin whether reconnecting or fixing the app's credentials is what helps.
ALTER TABLE connections ADD COLUMN last_error_detail VARCHAR(1000);
