package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class SchemaMigrationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase fresh;

    private Database database;

    @BeforeEach
    void openDatabase() {
        fresh = kind.fresh();
        database = new Database(fresh.dataSource());
    }

    @Test
    void migratingTwiceAppliesEachScriptOnce() {
        int first = new SchemaMigrations(database, CLOCK).migrate();
        int second = new SchemaMigrations(database, CLOCK).migrate();

        assertThat(first).isEqualTo(SchemaMigrations.ALL.get(SchemaMigrations.ALL.size() - 1).version());
        assertThat(second).isEqualTo(first);
        assertThat(versionsRecorded()).isEqualTo(SchemaMigrations.ALL.size());
    }

    /** Nodes sharing one database start together after an upgrade: each must find the schema migrated exactly once. */
    @Test
    @Timeout(120)
    void nodesStartingTogetherOnOneDatabaseMigrateItOnceAndAllSucceed() throws Exception {
        // H2 locks its journal file to one process, whose one engine migrates it: only a server database is shared
        assumeTrue(kind == TestDatabase.POSTGRESQL, "only a server database is shared by nodes");
        int nodes = 4;
        // a fresh database per round: the migrators meet at a different statement each time
        for (int round = 1; round <= 5; round++) {
            try (FreshDatabase shared = kind.fresh()) {
                CyclicBarrier together = new CyclicBarrier(nodes);
                ExecutorService starting = Executors.newFixedThreadPool(nodes);
                try {
                    List<Future<Integer>> versions = new ArrayList<>();
                    for (int node = 0; node < nodes; node++) {
                        Database ofNode = new Database(shared.dataSource());
                        versions.add(starting.submit(() -> {
                            together.await();
                            return new SchemaMigrations(ofNode, CLOCK).migrate();
                        }));
                    }
                    for (Future<Integer> version : versions) {
                        assertThat(version.get(60, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(SchemaMigrations.ALL.get(SchemaMigrations.ALL.size() - 1).version());
                    }
                    assertThat(versionsRecorded(new Database(shared.dataSource()))).as("round %d", round)
                            .isEqualTo(SchemaMigrations.ALL.size());
                } finally {
                    starting.shutdownNow();
                }
            }
        }
    }

    @Test
    void scriptsAreSplitIntoStatementsWithoutComments() {
        String script = "-- a comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n";

        assertThat(SchemaMigrations.statements(script)).containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\nON a (x)");
    }

    private int versionsRecorded() {
        return versionsRecorded(database);
    }

    private static int versionsRecorded(Database database) {
        return database.transaction(connection -> {
            try (var statement = connection.createStatement(); var result = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                result.next();
                return result.getInt(1);
            }
        });
    }
}
