package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;

/** The journal's shipped DataSource configuration, against what users already have and what hosts do. */
class ShippedJournalTest {

    private static final DocumentRef INVOICE = DocumentRef.invoice(CompanyId.of("acme"), "I-1");

    @TempDir
    Path karafData;

    @Test
    void aJournalWrittenUnderTheEarlierShippedUrlOpensUnderTheCurrentOneWithItsDocuments() throws Exception {
        JdbcDataSource earlier = new JdbcDataSource();
        earlier.setURL("jdbc:h2:" + karafData + "/accounting/journal");
        earlier.setUser("sa");
        try (Connection open = earlier.getConnection(); Statement statement = open.createStatement()) {
            new EngineStores(earlier, karafData.resolve("token.key"), TestEngine.fixedClock()).journal()
                    .accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, Instant.now());
            statement.execute("SHUTDOWN");
        }

        try (ShippedJournal current = ShippedJournal.open(karafData)) {
            EngineStores stores = new EngineStores(current.dataSource(), karafData.resolve("token.key"), TestEngine.fixedClock());

            assertThat(stores.journal().find(INVOICE)).hasValueSatisfying(entry -> assertThat(entry.snapshot()).isEqualTo("{\"a\":1}"));
        }
    }

    @Test
    void aThreadInterruptedWhileItWritesLeavesTheJournalOpenForEveryone() throws Exception {
        try (ShippedJournal journal = ShippedJournal.open(karafData)) {
            try (Connection connection = journal.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (id INT PRIMARY KEY)");
            }
            // not through the engine, which sets interrupts aside: what H2 itself does with the shipped URL
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                try (Connection connection = journal.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                    Thread.currentThread().interrupt();
                    statement.executeUpdate("INSERT INTO note VALUES (1)");
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            interrupted.start();
            interrupted.join();

            try (Connection connection = journal.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO note VALUES (2)");
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM note")) {
                    count.next();
                    assertThat(count.getInt(1)).as("both writes, the interrupted one too (%s)", failure.get()).isEqualTo(2);
                }
            }
        }
    }
}
