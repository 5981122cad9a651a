package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps the schema migrations of nodes that share one database apart: several Karaf nodes upgraded and started
 * together each find the schema behind and would otherwise run the same script at once (PostgreSQL then refuses the
 * second {@code CREATE TABLE} at commit, or a {@code CREATE TABLE IF NOT EXISTS} with a duplicate catalog key). Taken
 * at the start of each migration transaction and held until it ends, so the next node sees the version recorded.
 */
enum MigrationLock {

    /**
     * A transaction-scoped advisory lock: released by PostgreSQL at commit or rollback, and with the session if the
     * node dies, so a crashed migrator never leaves the others waiting.
     */
    POSTGRESQL {
        @Override
        void take(Connection connection) throws SQLException {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, KEY);
                lock.execute();
            }
        }
    },

    /** The embedded H2 journal is opened by one process only (H2 locks its file), whose engine migrates it once. */
    NONE {
        @Override
        void take(Connection connection) {
            // nothing to keep apart
        }
    };

    /** The advisory lock's key, the same on every node: "fieldsyn" in ASCII, unlikely to be another application's. */
    static final long KEY = 0x6669656c6473796eL;

    abstract void take(Connection connection) throws SQLException;

    static MigrationLock of(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? POSTGRESQL : NONE;
    }
}
