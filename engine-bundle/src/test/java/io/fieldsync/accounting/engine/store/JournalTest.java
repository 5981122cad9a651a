package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class JournalTest {

    private static final DocumentRef INVOICE = DocumentRef.invoice(CompanyId.of("acme"), "I-1");

    @TempDir
    Path keys;

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private Journal journal;

    @BeforeEach
    void openJournal() {
        database = kind.fresh();
        journal = Stores.open(database.dataSource(), keys.resolve("token.key"), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).journal();
    }

    @Test
    void aNewDocumentStartsAtRevisionOneAndPending() {
        Journal.Accepted accepted = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW);

        assertThat(accepted.changed()).isTrue();
        assertThat(accepted.entry().revision()).isEqualTo(1);
        assertThat(accepted.entry().status()).isEqualTo(SyncStatus.PENDING);
    }

    @Test
    void theEntryANewDocumentIsAcceptedWithIsItsRowAsTheJournalThenHoldsIt() {
        // a clock finer than the column: the entry handed back must not keep what the database rounds away
        Instant fine = NOW.plusNanos(123_456_789);
        DocumentRef payment = DocumentRef.payment(CompanyId.of("acme"), "P-1");

        JournalEntry invoice = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, fine).entry();
        JournalEntry dependent = journal.accept(payment, "{\"p\":1}", "p1", "I-1", SyncStatus.PENDING, false, fine).entry();
        JournalEntry historical = journal.accept(DocumentRef.invoice(CompanyId.of("acme"), "I-0"), "{\"a\":0}", "h0", null,
                SyncStatus.NOT_ATTEMPTED, true, fine).entry();

        assertThat(invoice).isEqualTo(journal.find(INVOICE).orElseThrow());
        assertThat(dependent).isEqualTo(journal.find(payment).orElseThrow());
        assertThat(historical).isEqualTo(journal.find(historical.document()).orElseThrow());
        assertThat(dependent.id()).isGreaterThan(invoice.id());
    }

    @Test
    void theSyncOfAnInvoiceMakesThePaymentsWaitingForItDueInTheSameTransaction() {
        DocumentRef payment = DocumentRef.payment(CompanyId.of("acme"), "P-1");
        JournalEntry invoice = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW).entry();
        JournalEntry waiting = journal.accept(payment, "{\"p\":1}", "p1", "I-1", SyncStatus.PENDING, false, NOW).entry();
        journal.markWaiting(java.util.List.of(waiting), SyncStatus.PENDING, null, NOW.plusSeconds(300), NOW);
        Instant synced = NOW.plusSeconds(2);

        // nothing else runs after this: a crash right after the sync is recorded must not leave the payment waiting
        journal.markSynced(invoice, "xero", "remote-1", "INV-1", null, synced);

        assertThat(journal.find(payment).orElseThrow().nextAttemptAt()).isEqualTo(synced);
    }

    @Test
    void aRepeatWithTheSameContentChangesNothing() {
        journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW);

        Journal.Accepted again = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW);

        assertThat(again.changed()).isFalse();
        assertThat(again.entry().revision()).isEqualTo(1);
    }

    @Test
    void changedContentOfASyncedDocumentIsANewPendingRevision() {
        JournalEntry first = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW).entry();
        journal.markSynced(first, "xero", "remote-1", "INV-1", null, NOW);

        JournalEntry second = journal.accept(INVOICE, "{\"a\":2}", "h2", null, SyncStatus.PENDING, false, NOW).entry();

        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(second.remoteId()).isEqualTo("remote-1");
        assertThat(second.wasSyncedBefore()).isTrue();
    }

    @Test
    void anOutcomeForAnOlderRevisionRecordsWhereTheDocumentIsButLeavesTheNewRevisionQueued() {
        JournalEntry sent = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW).entry();
        journal.accept(INVOICE, "{\"a\":2}", "h2", null, SyncStatus.PENDING, false, NOW);

        boolean applied = journal.markSynced(sent, "xero", "remote-1", "INV-1", null, NOW);

        JournalEntry now = journal.find(INVOICE).orElseThrow();
        assertThat(applied).isFalse();
        assertThat(now.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(now.revision()).isEqualTo(2);
        assertThat(now.remoteId()).isEqualTo("remote-1");
        assertThat(now.provider()).isEqualTo("xero");
    }

    @Test
    void anUnknownOutcomeStaysUnknownWhenANewRevisionArrives() {
        JournalEntry sent = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW).entry();
        journal.markUnknown(sent, "xero", io.fieldsync.accounting.api.SyncError.of(io.fieldsync.accounting.api.ErrorCode.INTERNAL_ERROR, "x"),
                NOW, NOW);

        JournalEntry next = journal.accept(INVOICE, "{\"a\":2}", "h2", null, SyncStatus.PENDING, false, NOW).entry();

        assertThat(next.status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);
    }

    @Test
    void aHistoricalInvoiceIsNotTouchedByAnotherRegistrationButIsQueuedWhenLocked() {
        journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.NOT_ATTEMPTED, true, NOW);
        Journal.Accepted registeredAgain = journal.accept(INVOICE, "{\"a\":2}", "h2", null, SyncStatus.NOT_ATTEMPTED, true, NOW);
        assertThat(registeredAgain.changed()).isFalse();

        Journal.Accepted locked = journal.accept(INVOICE, "{\"a\":1}", "h1", null, SyncStatus.PENDING, false, NOW);

        assertThat(locked.changed()).isTrue();
        assertThat(locked.entry().status()).isEqualTo(SyncStatus.PENDING);
        assertThat(locked.entry().revision()).isEqualTo(1);
    }
}
