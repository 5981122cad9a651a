package io.fieldsync.accounting.engine.store;

/**
 * Who this engine is among those sharing the database: the installation (part of every idempotency key, see
 * {@link Installation}), this node (whose leases are whose, see {@link LaneLeases}) and the schema version it migrated
 * the database to.
 */
public record EngineIdentity(String installationId, NodeId node, int schemaVersion) {
}
