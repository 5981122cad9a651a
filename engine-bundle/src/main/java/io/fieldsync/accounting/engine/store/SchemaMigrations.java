package io.fieldsync.accounting.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to the newest version by running the numbered scripts in
 * {@code db/migration} that the {@code schema_version} table does not list yet, each in its own
 * transaction. Every script runs unchanged on the embedded H2 and on PostgreSQL (the SQL both accept), and nodes
 * sharing one PostgreSQL database may start together ({@link MigrationLock}).
 *
 * <p>Hand-written on purpose: Flyway finds its database support through {@code ServiceLoader} and
 * scans the class path for scripts, both of which need extra machinery (SPI Fly, bundle-aware
 * scanners) inside OSGi; the engine only needs ordered SQL scripts and a version table.
 */
public final class SchemaMigrations {

    /** A script: its version and the resource holding it. */
    record Migration(int version, String description, String resource) {
    }

    /** Every migration, oldest first. A new one is appended here and never edited afterwards. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "journal", "db/migration/V1__journal.sql"),
            new Migration(2, "remote payment state", "db/migration/V2__remote_payment_state.sql"),
            new Migration(3, "customer names", "db/migration/V3__customer_names.sql"),
            new Migration(4, "attempts in doubt", "db/migration/V4__attempts_in_doubt.sql"),
            new Migration(5, "journal dependents", "db/migration/V5__journal_dependents.sql"),
            new Migration(6, "connection error detail", "db/migration/V6__connection_error_detail.sql"),
            new Migration(7, "company providers", "db/migration/V7__company_providers.sql"),
            new Migration(8, "lane leases", "db/migration/V8__leases.sql"),
            new Migration(9, "authorisations bound to a browser session", "db/migration/V9__authorization_browser_binding.sql"),
            new Migration(10, "sync log linked to the documents a call carried", "db/migration/V10__sync_log_documents.sql"));

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private static final String CREATE_VERSION_TABLE =
            "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)";
    private static final String CURRENT_VERSION = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
    private static final String RECORD_VERSION = "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)";

    private final Database database;
    private final Clock clock;

    public SchemaMigrations(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Applies what is missing; returns the schema version afterwards. Each script runs in its own transaction under the
     * {@link MigrationLock}, and is skipped if another node sharing the database applied it while this one waited.
     */
    public int migrate() {
        int current = database.transaction(connection -> {
            MigrationLock.of(connection).take(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_VERSION_TABLE);
            }
            return currentVersion(connection);
        });
        for (Migration migration : ALL) {
            if (migration.version() > current) {
                boolean applied = database.transaction(connection -> {
                    MigrationLock.of(connection).take(connection);
                    if (currentVersion(connection) >= migration.version()) {
                        return false;
                    }
                    apply(connection, migration, clock);
                    return true;
                });
                if (applied) {
                    LOG.info("Accounting schema migrated to version {} ({})", migration.version(), migration.description());
                }
                current = migration.version();
            }
        }
        return current;
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(CURRENT_VERSION)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration, Clock clock) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(migration.resource()))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(RECORD_VERSION)) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setObject(3, Database.timestamp(clock.instant()));
            record.executeUpdate();
        }
    }

    /** The statements of a script: comments dropped, split at semicolons that end a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the bundle: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + resource, e);
        }
    }
}
