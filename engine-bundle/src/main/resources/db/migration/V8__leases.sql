-- Several Karaf nodes on one journal. A lane (one company's connection to one accounting system) is served by one
-- node at a time, the holder of its lease: its batches stay whole, its rate limit is paced in one place and an
-- invoice still goes before its payments. A lease not renewed by lease_until is free to take (its node died).
CREATE TABLE lane_leases (
    company_id          VARCHAR(64)   NOT NULL,
    provider            VARCHAR(32)   NOT NULL,
    owner               VARCHAR(128)  NOT NULL,
    lease_until         TIMESTAMP WITH TIME ZONE NOT NULL,
    acquired_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, provider)
);
CREATE INDEX lane_leases_owner ON lane_leases (owner);
-- The node that recorded an attempt (status SENDING): only that node, or one that took the lane over after its
-- lease expired, turns the attempt into an unknown outcome. NULL for attempts recorded before this migration.
ALTER TABLE journal ADD COLUMN sending_node VARCHAR(128);
-- Refresh tokens rotate: two nodes refreshing one connection at once send the same refresh token, and the loser's
-- invalid_grant (or the winner's pair, overwritten) costs the connection. A node refreshes while holding this row's
-- lock (SELECT ... FOR UPDATE), re-reads the tokens, and uses another node's fresh pair if it finds one. A table of its
-- own, so that holding it blocks no other write to the connection (its last sync, its poll watermark).
CREATE TABLE refresh_locks (
    company_id          VARCHAR(64)   NOT NULL,
    provider            VARCHAR(32)   NOT NULL,
    PRIMARY KEY (company_id, provider)
);
-- The nodes at work on the journal, each renewing its row on every pass: lanes are shared among the live ones
-- (each takes at most its share of the lanes with work), so a node that joins gets work without waiting for lanes
-- to run dry.
CREATE TABLE engine_nodes (
    node_id             VARCHAR(128)  PRIMARY KEY,
    alive_until         TIMESTAMP WITH TIME ZONE NOT NULL
);
