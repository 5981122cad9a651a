package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.PostgresServer;
import io.fieldsync.accounting.engine.ShippedJournal;

class DatabaseDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void theH2ThatLostAcknowledgedDocumentsOnKillIsKnownByItsVersionAndTheShippedOneIsNot() throws Exception {
        assertThat(H2Durability.losesCommitsOnKill("2.5.252 (2026-09-23)")).isTrue();
        assertThat(H2Durability.losesCommitsOnKill("2.4.240 (2025-09-22)")).isFalse();
        assertThat(H2Durability.losesCommitsOnKill("2.5.2520 (a build that does not exist)")).isFalse();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:version")) {
            assertThat(H2Durability.losesCommitsOnKill(connection.getMetaData().getDatabaseProductVersion()))
                    .as("the H2 the tests run on, which the feature ships").isFalse();
        }
    }

    @Test
    void anH2FileJournalOpenedWithoutWriteDelayZeroIsSwitchedToWritingAtCommit() throws Exception {
        // an etc/org.ops4j.datasource-accounting.cfg from before: H2's default WRITE_DELAY, 500 ms
        DataSource journal = h2("jdbc:h2:file:" + dir.resolve("journal"));
        try (Connection open = journal.getConnection()) {
            assertThat(writeDelay(open)).isEqualTo("500");

            Durability durability = DatabaseDurability.of(journal);

            assertThat(durability).isInstanceOf(GroupSync.class);
            assertThat(writeDelay(open)).isEqualTo("0");
        }
    }

    @Test
    void everyTransactionOnAnH2FileJournalReturnsAfterASyncThatFollowsItsCommit() throws Exception {
        RecordingDataSource recording = RecordingDataSource.around(h2("jdbc:h2:file:" + dir.resolve("journal") + ";WRITE_DELAY=0"));
        Database database = new Database(recording.dataSource());
        recording.events.clear();

        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (id INT PRIMARY KEY)");
                return statement.executeUpdate("INSERT INTO note VALUES (1)");
            }
        });

        assertThat(recording.events).containsExactly("CREATE TABLE note (id INT PRIMARY KEY)", "INSERT INTO note VALUES (1)",
                "commit", "CHECKPOINT SYNC");
    }

    @Test
    void aCallerCarryingAnInterruptCommitsWithoutClosingTheJournalForEveryoneAndKeepsItsInterrupt() throws Exception {
        // H2 writes and syncs on the committing thread; an interrupted thread's NIO channel closes, and
        // H2 closes the database with it (URL without the shipped retry: file system, as an older etc/ file)
        Database database = new Database(h2("jdbc:h2:file:" + dir.resolve("journal") + ";WRITE_DELAY=0"));
        try (Connection open = h2("jdbc:h2:file:" + dir.resolve("journal")).getConnection(); Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE note (id INT PRIMARY KEY)");
            AtomicBoolean interruptedAfterwards = new AtomicBoolean();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                database.transaction(connection -> {
                    try (Statement insert = connection.createStatement()) {
                        return insert.executeUpdate("INSERT INTO note VALUES (1)");
                    }
                });
                interruptedAfterwards.set(Thread.currentThread().isInterrupted());
            });
            interrupted.start();
            interrupted.join();

            assertThat(interruptedAfterwards).as("the caller's interrupt status, kept").isTrue();
            int inserted = database.transaction(connection -> {
                try (Statement insert = connection.createStatement()) {
                    return insert.executeUpdate("INSERT INTO note VALUES (2)");
                }
            });
            assertThat(inserted).as("the journal still open for the next caller").isEqualTo(1);
        }
    }

    @Test
    void theUrlTheEngineAdvisesForAnOlderConfigurationIsTheOneTheFeatureShips() throws Exception {
        try (ShippedJournal shipped = ShippedJournal.open(dir)) {
            String path = dir + "/accounting/journal";

            assertThat(H2Durability.shippedUrl(path)).isEqualTo(shipped.url());
            assertThat(H2Durability.shippedUrl("retry:" + path)).isEqualTo(shipped.url());
        }
    }

    @Test
    void anInMemoryH2JournalHasNothingToSync() {
        Durability durability = DatabaseDurability.of(h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

        assertThat(durability).isSameAs(Durability.COMMIT_IS_ENOUGH);
    }

    @Test
    void postgreSqlCommitsAreLeftAsTheyAreWithNoSyncOfOurOwn() {
        RecordingDataSource postgres = RecordingDataSource.reportingProduct(
                h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "PostgreSQL", "on");
        Database database = new Database(postgres.dataSource());
        postgres.events.clear();

        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute("SELECT 1");
            }
        });

        assertThat(postgres.events).as("nothing but the work and its commit").containsExactly("SELECT 1", "commit");
        assertThat(DatabaseDurability.of(postgres.dataSource())).isSameAs(Durability.COMMIT_IS_ENOUGH);
    }

    @Test
    void aPostgreSqlServerWithoutSynchronousCommitKeepsItsChoice() {
        RecordingDataSource postgres = RecordingDataSource.reportingProduct(
                h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "PostgreSQL", "off");

        Durability durability = DatabaseDurability.of(postgres.dataSource());

        assertThat(durability).isSameAs(Durability.COMMIT_IS_ENOUGH);
        assertThat(postgres.events).containsExactly("SHOW synchronous_commit");
    }

    @Test
    void aRealPostgreSqlCommittingSynchronouslyIsTrustedWithoutAWarning() {
        try (FreshDatabase postgres = PostgresServer.forTests().freshDatabase()) {
            Durability[] durability = new Durability[1];

            String logged = standardErrorOf(() -> durability[0] = DatabaseDurability.of(postgres.dataSource()));

            assertThat(durability[0]).isSameAs(Durability.COMMIT_IS_ENOUGH);
            assertThat(logged).doesNotContain("synchronous_commit");
        }
    }

    @Test
    void aRealPostgreSqlWhoseCommitsAreAsynchronousIsLeftSoButTheAdminIsWarned() {
        // as an admin would set it for the journal's role or database: every session of the pool starts with it off
        try (FreshDatabase postgres = PostgresServer.forTests().freshDatabase(Map.of("options", "-c synchronous_commit=off"))) {
            Durability[] durability = new Durability[1];

            String logged = standardErrorOf(() -> durability[0] = DatabaseDurability.of(postgres.dataSource()));

            assertThat(durability[0]).isSameAs(Durability.COMMIT_IS_ENOUGH);
            assertThat(logged).contains("WARN").contains("synchronous_commit is off")
                    .contains("ALTER ROLE ... SET synchronous_commit = on");
        }
    }

    @Test
    void anH2UserWithoutAdminRightsIsRefusedWithWhatToDo() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("journal");
        JdbcDataSource owner = h2(url);
        owner.setUser("sa");
        try (Connection open = owner.getConnection(); Statement statement = open.createStatement()) {
            statement.execute("CREATE USER clerk PASSWORD 'clerk'");
            JdbcDataSource clerk = h2(url);
            clerk.setUser("clerk");
            clerk.setPassword("clerk");

            assertThatThrownBy(() -> DatabaseDurability.of(clerk)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("needs admin rights").hasMessageContaining("sa")
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static String writeDelay(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            row.next();
            return row.getString(1);
        }
    }

    /** What the engine logged meanwhile: the tests' slf4j-simple writes to whatever System.err is at the time. */
    private static String standardErrorOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
