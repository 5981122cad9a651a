package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.Stores;

/** The journal's shipped DataSource configuration, against what users already have and what hosts do. */
class ShippedJournalTest {

    private static final DocumentRef INVOICE = DocumentRef.invoice(CompanyId.of("acme"), "I-1");

    @TempDir
    Path karafData;

    /**
     * pax-jdbc-pool-dbcp2 sets {@code pool.*} keys on the pool and {@code factory.*} keys on the connection factory; the
     * journal the tests and the bench run on must do the same, or a pool setting added to the feature is measured nowhere.
     */
    @Test
    void poolAndFactoryKeysOfTheConfigurationReachTheDbcpPoolAsPaxJdbcSetsThem() throws Exception {
        Map<String, String> config = new LinkedHashMap<>(ShippedJournal.datasourceConfig());
        config.put("pool.maxTotal", "2");
        config.put("pool.maxWaitMillis", "50");
        config.put("factory.defaultQueryTimeout", "7");

        try (ShippedJournal journal = ShippedJournal.open(config, karafData);
             Connection first = journal.dataSource().getConnection();
             Connection second = journal.dataSource().getConnection();
             Statement statement = first.createStatement()) {
            assertThat(statement.getQueryTimeout()).isEqualTo(7);
            assertThatThrownBy(() -> journal.dataSource().getConnection())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aKeyThatNoSetterTakesIsRefusedInsteadOfIgnored() {
        Map<String, String> config = new LinkedHashMap<>(ShippedJournal.datasourceConfig());
        config.put("pool.noSuchSetting", "1");

        assertThatThrownBy(() -> ShippedJournal.open(config, karafData))
                .hasMessageContaining("pool.noSuchSetting");
    }

    @Test
    void aJournalWrittenUnderTheEarlierShippedUrlOpensUnderTheCurrentOneWithItsDocuments() throws Exception {
        JdbcDataSource earlier = new JdbcDataSource();
        earlier.setURL("jdbc:h2:" + karafData + "/accounting/journal");
        earlier.setUser("sa");
        try (Connection open = earlier.getConnection(); Statement statement = open.createStatement()) {
            Stores.open(earlier, karafData.resolve("token.key"), TestEngine.fixedClock()).journal()
                    .accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, TestEngine.START);
            statement.execute("SHUTDOWN");
        }

        try (ShippedJournal current = ShippedJournal.open(karafData)) {
            Stores stores = Stores.open(current.dataSource(), karafData.resolve("token.key"), TestEngine.fixedClock());

            assertThat(stores.journal().find(INVOICE)).hasValueSatisfying(entry -> assertThat(entry.snapshot()).isEqualTo("{\"a\":1}"));
        }
    }

    /**
     * Journals written by the H2 the feature shipped before (2.5.252), closed by a stopped Karaf or left by a killed
     * one, open under the H2 it ships now, with every document and outcome, and take new ones. Both files were
     * written by the engine over the shipped URL: 25 invoices of which the first 20 synced, a payment, a cancellation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2-2.5.252-closed.mv.db.gz", "h2-2.5.252-killed.mv.db.gz"})
    void aJournalWrittenByTheH2ShippedBeforeOpensWithItsDocuments(String written) throws Exception {
        Path file = karafData.resolve("accounting").resolve("journal.mv.db");
        Files.createDirectories(file.getParent());
        try (InputStream gzipped = getClass().getResourceAsStream("/journals/" + written);
             InputStream journal = new GZIPInputStream(gzipped)) {
            Files.copy(journal, file);
        }
        CompanyId acme = CompanyId.of("acme");

        try (ShippedJournal current = ShippedJournal.open(karafData)) {
            Journal journal = Stores.open(current.dataSource(), karafData.resolve("token.key"), TestEngine.fixedClock()).journal();
            for (int i = 1; i <= 25; i++) {
                SyncStatus expected = i <= 20 ? SyncStatus.SYNCED : SyncStatus.PENDING;
                assertThat(journal.find(DocumentRef.invoice(acme, "I-" + i))).as("I-" + i)
                        .hasValueSatisfying(entry -> assertThat(entry.toStatus().status()).isEqualTo(expected));
            }
            assertThat(journal.find(new DocumentRef(acme, DocumentKind.PAYMENT, "P-1"))).isPresent();
            assertThat(journal.find(new DocumentRef(acme, DocumentKind.CREDIT_NOTE, "CN-I-2"))).isPresent();
            journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, TestEngine.START);
        }
        try (ShippedJournal reopened = ShippedJournal.open(karafData)) {
            Journal journal = Stores.open(reopened.dataSource(), karafData.resolve("token.key"), TestEngine.fixedClock()).journal();
            assertThat(journal.find(INVOICE)).isPresent();
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
