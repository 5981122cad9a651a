package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the {@link Durability} of the database behind the engine's DataSource, from its metadata. */
final class DatabaseDurability {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseDurability.class);
    private static final String SYNCHRONOUS_COMMIT = "SHOW synchronous_commit";

    private DatabaseDurability() {
    }

    static Durability of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            String product = database.getDatabaseProductName();
            if ("H2".equals(product)) {
                return H2Durability.of(connection, dataSource);
            }
            if ("PostgreSQL".equals(product)) {
                warnIfCommitsAreAsynchronous(connection);
                return Durability.COMMIT_IS_ENOUGH;
            }
            LOG.info("Accounting journal on {} {}: its commits are taken to be as durable as that database makes them",
                    product, database.getDatabaseProductVersion());
            return Durability.COMMIT_IS_ENOUGH;
        } catch (SQLException e) {
            throw new StoreException("The accounting database failed: " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL flushes its write-ahead log before a commit returns unless {@code synchronous_commit} is
     * off, which an admin may have chosen for the whole server. The engine does not override that choice
     * (nor slow PostgreSQL down with syncs of its own), but says what it costs.
     */
    private static void warnIfCommitsAreAsynchronous(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(SYNCHRONOUS_COMMIT)) {
            if (row.next() && "off".equalsIgnoreCase(row.getString(1))) {
                LOG.warn("PostgreSQL's synchronous_commit is off for the accounting journal: a crash of the database "
                        + "server can lose documents the host was told were accepted. Set it on for the journal's role "
                        + "(ALTER ROLE ... SET synchronous_commit = on) to keep that promise.");
            }
        }
    }
}
