package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.Stores;

/**
 * What a {@code kill -9} leaves of the shipped journal, at every moment the engine has promised something. A killed
 * process loses nothing it had written: the file, as any other process reads it, is what the next start opens. So
 * after each host call and each recorded outcome, with no other write running, the test copies the journal file and
 * opens the copy as the engine would after the kill: it must hold everything promised so far. Deterministic, one
 * thread, no fork, no kill timing.
 *
 * <p>The shipped journal keeps freed file space for H2's {@code RETENTION_TIME} (45 s) before writing into it again;
 * the test sets it to 0, so that the first minute of a real day (the chaos run's) is what its first commits do.
 */
class JournalFileAfterKillTest {

    /** Each one checked at up to two moments; small, since libfaketime makes H2 about ten times slower. */
    private static final int HOST_CALLS = 60;

    @TempDir
    Path karafData;
    @TempDir
    Path afterKill;

    @Test
    void everyAcknowledgedDocumentAndRecordedOutcomeIsInTheFileAKillLeavesOnceH2WritesIntoFreedSpace() throws Exception {
        Map<DocumentRef, String> promised = new LinkedHashMap<>();
        List<String> lost = new ArrayList<>();
        try (ShippedJournal journal = ShippedJournal.open(karafData); TestEngine engine = new TestEngine(karafData, "none", journal.dataSource())) {
            reuseFreedSpaceAtOnce(journal);
            Journal outcomes = engine.stores.journal();
            Deque<DocumentRef> toSync = new ArrayDeque<>();
            for (int i = 0; i < HOST_CALLS && lost.isEmpty(); i++) {
                String[] call = KilledHost.hostCall(engine, i).split(" ");
                DocumentRef document = new DocumentRef(KilledHost.COMPANY, DocumentKind.valueOf(call[0]), call[1]);
                promised.put(document, null);
                if (document.kind() == DocumentKind.INVOICE) {
                    toSync.add(document);
                }
                lost.addAll(lostAfterKill(promised, "host call " + i));
                if (i % 3 == 2) {
                    // the dispatcher's side: what it reads, and a 200 OK it records
                    outcomes.due(KilledHost.COMPANY, DocumentKind.INVOICE, "none", engine.clock.instant(), 50);
                    DocumentRef invoice = toSync.remove();
                    String remoteId = "remote-" + invoice.hostId();
                    outcomes.markSynced(outcomes.find(invoice).orElseThrow(), "xero", remoteId, "INV-" + i, null, engine.clock.instant());
                    promised.put(invoice, remoteId);
                    lost.addAll(lostAfterKill(promised, "outcome after host call " + i));
                }
            }
        }
        assertThat(lost).as("promises a kill at that moment would have broken (%d made)", promised.size()).isEmpty();
    }

    private static void reuseFreedSpaceAtOnce(ShippedJournal journal) throws Exception {
        try (Connection connection = journal.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET RETENTION_TIME 0");
        }
    }

    /** Copies the journal file as it is now and opens the copy as the next start would; returns what it lacks. */
    private List<String> lostAfterKill(Map<DocumentRef, String> promised, String moment) throws Exception {
        Path file = afterKill.resolve("accounting").resolve("journal.mv.db");
        Files.createDirectories(file.getParent());
        Files.copy(karafData.resolve("accounting").resolve("journal.mv.db"), file, StandardCopyOption.REPLACE_EXISTING);
        List<String> lost = new ArrayList<>();
        try (ShippedJournal reopened = ShippedJournal.open(afterKill)) {
            Journal journal = Stores.open(reopened.dataSource(), afterKill.resolve("token.key"), TestEngine.fixedClock()).journal();
            promised.forEach((document, remoteId) -> {
                DocumentStatus status = journal.find(document).map(JournalEntry::toStatus).orElse(null);
                if (status == null) {
                    lost.add(moment + ": " + document + " missing");
                } else if (remoteId != null && (status.status() != SyncStatus.SYNCED || !remoteId.equals(status.remoteId()))) {
                    lost.add(moment + ": " + document + " " + status.status() + " " + status.remoteId() + ", recorded SYNCED " + remoteId);
                }
            });
            // a throwaway copy: closed without the compaction H2 runs at a normal close
            try (Connection connection = reopened.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            }
        }
        Files.delete(file);
        return lost;
    }
}
