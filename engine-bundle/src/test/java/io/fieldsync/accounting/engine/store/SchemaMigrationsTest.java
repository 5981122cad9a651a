package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    @Test
    void migratingTwiceAppliesEachScriptOnce() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Database database = new Database(dataSource);

        int first = new SchemaMigrations(database, java.time.Clock.fixed(java.time.Instant.parse("2026-11-02T09:00:00Z"), java.time.ZoneOffset.UTC)).migrate();
        int second = new SchemaMigrations(database, java.time.Clock.fixed(java.time.Instant.parse("2026-11-02T09:00:00Z"), java.time.ZoneOffset.UTC)).migrate();

        assertThat(first).isEqualTo(SchemaMigrations.ALL.size());
        assertThat(second).isEqualTo(first);
        int rows = database.transaction(connection -> {
            try (var statement = connection.createStatement(); var result = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(SchemaMigrations.ALL.size());
    }

    @Test
    void scriptsAreSplitIntoStatementsWithoutComments() {
        String script = "-- a comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n";

        assertThat(SchemaMigrations.statements(script)).containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\nON a (x)");
    }
}
