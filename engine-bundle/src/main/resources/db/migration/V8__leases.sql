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
