package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.Journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what happened to documents into the journal and tells the host, in that order: the host
 * never hears of an outcome that a crash could still undo.
 */
final class Recorder {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private final Journal journal;
    private final ConnectionStore connections;
    private final HostNotifier notifier;
    private final RetryPolicy retry;
    private final Clock clock;

    Recorder(Journal journal, ConnectionStore connections, HostNotifier notifier, RetryPolicy retry, Clock clock) {
        this.journal = journal;
        this.connections = connections;
        this.notifier = notifier;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * Records that these documents are about to be sent with these keys, before the call: from here until a
     * remote id is recorded, each is in doubt. Returns those recorded (a document changed meanwhile is left out).
     */
    List<JournalEntry> sending(List<JournalEntry> entries, String provider, Function<JournalEntry, String> keys) {
        return journal.markSending(entries, provider, keys, clock.instant());
    }

    /** Applies one provider outcome. */
    void outcome(JournalEntry entry, String provider, PushOutcome outcome) {
        Instant now = clock.instant();
        boolean applied = switch (outcome.status()) {
            case SYNCED, ALREADY_PRESENT -> {
                boolean synced = journal.markSynced(entry, provider, outcome.remoteId(), outcome.remoteNumber(), outcome.note(), now);
                connections.recordSync(entry.document().company(), provider, now);
                yield synced;
            }
            case FAILED -> {
                LOG.warn("{} refused {}: {} ({})", provider, entry.document(), outcome.error().message(), outcome.error().detail());
                yield journal.markFailed(entry, provider, outcome.error(), true, now);
            }
            case UNKNOWN -> journal.markUnknown(entry, provider, outcome.error(), now.plus(retry.after(entry.attempts() + 1)), now);
            case UNSUPPORTED -> journal.markUnsupported(entry, provider, outcome.error(), now);
        };
        if (applied) {
            tell(entry);
        }
    }

    /** A refusal found before sending (mapping, customer, prerequisite): nothing was sent. */
    void failedBeforeSending(JournalEntry entry, String provider, SyncError error) {
        LOG.warn("{} not sent to {}: {}", entry.document(), provider, error.message());
        if (journal.markFailed(entry, provider, error, false, clock.instant())) {
            tell(entry);
        }
    }

    /** The provider cannot do this. */
    void unsupported(JournalEntry entry, String provider, SyncError error) {
        if (journal.markUnsupported(entry, provider, error, clock.instant())) {
            tell(entry);
        }
    }

    /** Sent, outcome unknown: reconcile later. */
    void unknown(Collection<JournalEntry> entries, String provider, SyncError error) {
        Instant now = clock.instant();
        for (JournalEntry entry : entries) {
            if (journal.markUnknown(entry, provider, error, now.plus(retry.after(entry.attempts() + 1)), now)) {
                tell(entry);
            }
        }
    }

    /** Not sent (or refused as a whole by a passing failure): try again later. */
    void retryLater(Collection<JournalEntry> entries, String provider, SyncError error) {
        Instant now = clock.instant();
        for (JournalEntry entry : entries) {
            if (journal.markRetry(entry, provider, error, now.plus(retry.after(entry.attempts() + 1)), now)) {
                tell(entry);
            }
        }
    }

    /** Still queued, waiting for something outside the document; the host hears only when the status changes. */
    void waiting(List<JournalEntry> entries, SyncStatus status, SyncError reason, Instant until) {
        if (entries.isEmpty()) {
            return;
        }
        journal.markWaiting(entries, status, reason, until, clock.instant());
        entries.stream().filter(entry -> entry.status() != status).forEach(this::tell);
    }

    private void tell(JournalEntry entry) {
        journal.find(entry.document()).ifPresent(fresh -> notifier.documentChanged(fresh.toStatus()));
    }
}
