package io.fieldsync.accounting.bench.chaos;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TakeoverTest {

    private final JdbcDataSource journal = new JdbcDataSource();

    @BeforeEach
    void journalWithWorkInFlight() throws SQLException {
        journal.setURL("jdbc:h2:mem:takeover-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        sql("CREATE TABLE journal (id BIGINT PRIMARY KEY, company_id VARCHAR(64), kind VARCHAR(16), host_id VARCHAR(128), "
                + "revision INT, status VARCHAR(20), error_code VARCHAR(32), depends_on VARCHAR(128))");
        sql("INSERT INTO journal VALUES (1, 'c', 'INVOICE', 'J-1', 1, 'SENDING', NULL, NULL)");
        sql("INSERT INTO journal VALUES (2, 'c', 'PAYMENT', 'P-1', 1, 'PENDING', 'PREREQUISITE_MISSING', 'J-1')");
        sql("INSERT INTO journal VALUES (3, 'c', 'INVOICE', 'J-2', 1, 'SYNCED', NULL, NULL)");
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = journal.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void theOthersHaveTakenOverOnceEveryDocumentQueuedAtTheKillHasSettled() throws SQLException {
        Takeover takeover = Takeover.atKill(journal);
        assertThat(takeover.waiting()).isEqualTo(2);
        assertThat(takeover.done(journal)).isFalse();

        sql("UPDATE journal SET status = 'SYNCED' WHERE id = 1");
        sql("INSERT INTO journal VALUES (4, 'c', 'INVOICE', 'J-3', 1, 'PENDING', NULL, NULL)");
        assertThat(takeover.done(journal)).isFalse();

        sql("UPDATE journal SET status = 'SYNCED', error_code = NULL WHERE id = 2");
        assertThat(takeover.done(journal)).as("work queued after the kill is not the killed node's").isTrue();
    }

    @Test
    void aDocumentChangedSinceTheKillOrWaitingBehindAFailedInvoiceIsNoLongerTheKilledNodesWork() throws SQLException {
        Takeover takeover = Takeover.atKill(journal);

        sql("UPDATE journal SET status = 'PENDING', revision = 2 WHERE id = 1");
        assertThat(takeover.done(journal)).isFalse();
        sql("UPDATE journal SET status = 'FAILED' WHERE id = 1");

        assertThat(takeover.done(journal)).isTrue();
    }
}
