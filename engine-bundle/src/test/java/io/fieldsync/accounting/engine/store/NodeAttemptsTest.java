package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

/** Attempts recorded by nodes sharing one journal: whose they are, and who may declare them interrupted. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NodeAttemptsTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final CompanyId ACME = CompanyId.of("acme");
    private static final DocumentRef I1 = DocumentRef.invoice(ACME, "I-1");
    private static final SyncError WHY = SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "test");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private Journal one;
    private Journal two;

    @BeforeEach
    void twoNodes() {
        database = kind.fresh();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        one = Stores.open(database.dataSource(), keys.resolve("token.key"), clock, new NodeId("node-1"), null).journal();
        two = Stores.open(database.dataSource(), keys.resolve("token.key"), clock, new NodeId("node-2"), null).journal();
    }

    private JournalEntry sendingOnNodeOne() {
        JournalEntry entry = one.accept(I1, "{}", "h1", null, SyncStatus.PENDING, false, NOW).entry();
        assertThat(one.markSending(List.of(entry), "xero", e -> "key-1", NOW)).hasSize(1);
        return entry;
    }

    @Test
    void anAttemptNamesTheNodeThatRecordedIt() throws Exception {
        sendingOnNodeOne();

        assertThat(sendingNode(I1)).isEqualTo("node-1");
    }

    @Test
    void aRowAlreadyBeingSentIsNeverMarkedSendingByAnotherNode() {
        JournalEntry entry = sendingOnNodeOne();

        assertThat(two.markSending(List.of(entry), "xero", e -> "key-2", NOW)).isEmpty();
        assertThat(two.find(I1).orElseThrow().attemptKey()).isEqualTo("key-1");
    }

    @Test
    void aStartingNodeDeclaresOnlyItsOwnAttemptsInterrupted() {
        sendingOnNodeOne();

        assertThat(two.markOwnInterrupted(WHY, NOW)).isZero();
        assertThat(two.find(I1).orElseThrow().status()).isEqualTo(SyncStatus.SENDING);
        assertThat(one.markOwnInterrupted(WHY, NOW)).isEqualTo(1);
        assertThat(one.find(I1).orElseThrow().status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);
    }

    @Test
    void aLiveNodesOldAttemptIsNotDeclaredAbandonedByAnother() {
        sendingOnNodeOne();
        Instant muchLater = NOW.plus(Duration.ofHours(1));

        assertThat(two.markAbandoned(muchLater, WHY, muchLater)).isZero();
        assertThat(one.markAbandoned(muchLater, WHY, muchLater)).isEqualTo(1);
    }

    @Test
    void anAttemptRecordedBeforeNodeIdsIsDeclaredAbandonedByAnyNodeOnceOld() throws Exception {
        sendingOnNodeOne();
        forgetSendingNode(I1);

        assertThat(two.markAbandoned(NOW.minusSeconds(1), WHY, NOW)).as("not yet old").isZero();
        assertThat(two.markAbandoned(NOW.plusSeconds(600), WHY, NOW.plusSeconds(600))).isEqualTo(1);
    }

    @Test
    void theNodeThatTookTheLaneOverDeclaresTheOtherNodesAttemptsInterruptedButNotOtherLanes() {
        sendingOnNodeOne();
        DocumentRef other = DocumentRef.invoice(CompanyId.of("globex"), "G-1");
        JournalEntry globex = one.accept(other, "{}", "h2", null, SyncStatus.PENDING, false, NOW).entry();
        one.markSending(List.of(globex), "xero", e -> "key-g", NOW);

        assertThat(two.markOrphaned(List.of(new LaneId(ACME, "xero")), WHY, NOW)).isEqualTo(1);

        assertThat(two.find(I1).orElseThrow().status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);
        assertThat(two.find(I1).orElseThrow().inDoubt()).isTrue();
        assertThat(two.find(other).orElseThrow().status()).isEqualTo(SyncStatus.SENDING);
        assertThat(one.markOrphaned(List.of(new LaneId(CompanyId.of("globex"), "xero")), WHY, NOW))
                .as("a node's own attempts are never orphans").isZero();
    }

    @Test
    void anotherNodeCannotPutARowBeingSentBackToWaiting() {
        JournalEntry entry = sendingOnNodeOne();

        two.markWaiting(List.of(entry), SyncStatus.PENDING, WHY, NOW.plusSeconds(60), NOW);
        assertThat(two.find(I1).orElseThrow().status()).isEqualTo(SyncStatus.SENDING);

        one.markWaiting(List.of(entry), SyncStatus.PENDING, WHY, NOW.plusSeconds(60), NOW);
        assertThat(one.find(I1).orElseThrow().status()).isEqualTo(SyncStatus.PENDING);
    }

    private String sendingNode(DocumentRef document) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT sending_node FROM journal WHERE company_id = ? AND host_id = ?")) {
            query.setString(1, document.company().value());
            query.setString(2, document.hostId());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void forgetSendingNode(DocumentRef document) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE journal SET sending_node = NULL WHERE host_id = ?")) {
            update.setString(1, document.hostId());
            update.executeUpdate();
        }
    }
}
