package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * Payments and credit notes go out right after their invoices' batch, together. They become due as their invoices sync,
 * one invoice batch after another, so a turn that finds fewer ready than one call holds may know that more will be ready
 * a turn or two later: some credit note or payment of the lane still waits for an invoice the lane is about to send (due
 * now). Then the ready ones wait for it and share its call rather than take one of their own.
 *
 * <p>The wait is bounded: a payment or credit note ready for {@code longest} goes with whatever is ready, however many
 * invoices are still ahead (a backlog of thousands, a lane paused by the vendor's limits). {@code longest} is the time a
 * burst of the host's documents may gather before it is sent (ten batching delays, 2 s as shipped), so a document never
 * waits for its batch longer than the host's burst could. A full call never waits, nor does anything when the invoice
 * awaited cannot go now (refused, retried later, waiting itself).
 */
final class SettlementsHold {

    private final Journal journal;
    private final Clock clock;
    private final Duration longest;

    SettlementsHold(Journal journal, Clock clock, Duration longest) {
        this.journal = journal;
        this.clock = clock;
        this.longest = longest;
    }

    /** Whether the {@code ready} credit notes and payments of the lane wait for a fuller call of {@code room}. */
    boolean holds(CompanyId company, String provider, List<JournalEntry> ready, int room) {
        if (ready.isEmpty() || ready.size() >= room || longest.isZero() || longest.isNegative()) {
            return false;
        }
        Instant now = clock.instant();
        // due since: the time a document was accepted, or woken when its invoice synced, or its retry came due
        Instant readySince = ready.stream().map(JournalEntry::nextAttemptAt).min(Instant::compareTo).orElse(now);
        if (!now.isBefore(readySince.plus(longest))) {
            return false;
        }
        return journal.invoiceDueForSettlements(company, provider, now);
    }
}
