package io.fieldsync.accounting.bench.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.bench.chaos.HostCall.CancelInvoice;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;

/**
 * The host working through its day: each step at its time, acknowledged by the integration, then written to the
 * host's progress log. An edit is about a document that already synced, so it waits (bounded) until the previous
 * revision has; meanwhile the rest of that invoice's story (its payments, its cancellation) waits behind it, and other
 * customers' documents go on, as they would in an office with more than one person. After a restart the host makes
 * every step its log does not name, keeping the gaps between steps rather than catching up. A call that throws is made
 * again a second later.
 */
final class HostDay {

    private static final Logger LOG = LoggerFactory.getLogger(HostDay.class);
    private static final Set<SyncStatus> SETTLED = EnumSet.of(SyncStatus.SYNCED, SyncStatus.FAILED, SyncStatus.UNSUPPORTED);
    private static final Duration IDLE = Duration.ofMillis(100);

    private final HostEntrance entrance;
    private final CompanyId company;
    private final HostProgress progress;
    private final EventLog events;
    private final Duration editWait;
    private final Clock clock;
    private final Pause pause;
    private final Map<Integer, Instant> waitingSince = new HashMap<>();

    /** How the host waits; real time in a run, a moved clock in tests. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    HostDay(AccountingSync sync, CompanyId company, HostProgress progress, EventLog events, Duration editWait, Clock clock,
            Pause pause) {
        this(HostEntrance.local(sync, company), company, progress, events, editWait, clock, pause);
    }

    HostDay(HostEntrance entrance, CompanyId company, HostProgress progress, EventLog events, Duration editWait, Clock clock,
            Pause pause) {
        this.entrance = entrance;
        this.company = company;
        this.progress = progress;
        this.events = events;
        this.editWait = editWait;
        this.clock = clock;
        this.pause = pause;
    }

    /** Makes every step not yet acknowledged; returns when all are. */
    void run(List<HostStep> steps) throws InterruptedException {
        Deque<HostStep> upcoming = new ArrayDeque<>();
        steps.stream().filter(step -> !progress.isAcknowledged(step.index())).forEach(upcoming::add);
        if (upcoming.size() < steps.size()) {
            LOG.info("Host: resuming with {} of {} steps to make", upcoming.size(), steps.size());
        }
        Instant origin = clock.instant().minusMillis(frontier(steps, upcoming));
        List<HostStep> parked = new ArrayList<>();
        while (!upcoming.isEmpty() || !parked.isEmpty()) {
            boolean moved = makeParked(parked);
            while (!upcoming.isEmpty() && !origin.plusMillis(upcoming.peekFirst().atMillis()).isAfter(clock.instant())) {
                HostStep step = upcoming.pollFirst();
                if (blocked(step, parked)) {
                    parked.add(step);
                } else {
                    make(step);
                }
                moved = true;
            }
            if (!moved) {
                pause.sleep(IDLE);
            }
        }
        events.record("host-done", steps.size() + " steps acknowledged");
    }

    /**
     * Where the day resumes: the first step after the last one acknowledged. Steps before it that are still to make
     * (edits that were waiting when the process died) are due at once; the day does not wait for them again.
     */
    private long frontier(List<HostStep> steps, Deque<HostStep> upcoming) {
        int last = -1;
        for (HostStep step : steps) {
            if (progress.isAcknowledged(step.index())) {
                last = step.index();
            }
        }
        for (HostStep step : upcoming) {
            if (step.index() > last) {
                return step.atMillis();
            }
        }
        return upcoming.isEmpty() ? 0 : upcoming.peekLast().atMillis();
    }

    /** Makes the parked steps that may go now, in order, each invoice's story behind its first waiting step. */
    private boolean makeParked(List<HostStep> parked) throws InterruptedException {
        boolean moved = false;
        Set<String> held = new HashSet<>();
        for (Iterator<HostStep> it = parked.iterator(); it.hasNext(); ) {
            HostStep step = it.next();
            String story = story(step.call());
            if (held.contains(story) || (step.afterSync() && !readyToEdit(step))) {
                held.add(story);
                continue;
            }
            make(step);
            it.remove();
            moved = true;
        }
        return moved;
    }

    private boolean blocked(HostStep step, List<HostStep> parked) {
        String story = story(step.call());
        if (parked.stream().anyMatch(p -> story(p.call()).equals(story))) {
            return true;
        }
        return step.afterSync() && !readyToEdit(step);
    }

    private boolean readyToEdit(HostStep step) {
        DocumentRef document = step.call().document(company);
        Instant since = waitingSince.computeIfAbsent(step.index(), i -> clock.instant());
        Optional<SyncStatus> status = entrance.status(step);
        if (status.isEmpty()) {
            // acknowledged before, yet unknown now: the journal lost it, and waiting cannot bring it back
            events.record("edit-of-unknown", document + " is not in the journal; edited at once");
            return true;
        }
        if (SETTLED.contains(status.get())) {
            if (status.get() != SyncStatus.SYNCED) {
                events.record("edit-of-unsynced", document + " is " + status.get());
            }
            return true;
        }
        if (Duration.between(since, clock.instant()).compareTo(editWait) >= 0) {
            events.record("edit-before-sync", document + " not synced after " + editWait.toSeconds() + " s; edited anyway");
            return true;
        }
        return false;
    }

    private void make(HostStep step) throws InterruptedException {
        while (true) {
            try {
                int revision = entrance.make(step);
                progress.acknowledge(step.index(), step.call().kind() + " " + step.call().hostId() + " r" + revision);
                waitingSince.remove(step.index());
                return;
            } catch (RuntimeException e) {
                events.record("host-call-failed", "step " + step.index() + " " + step.call().hostId() + ": " + e);
                LOG.warn("Host: step {} failed ({}); making it again", step.index(), e.toString());
                pause.sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** The invoice a call belongs to: its steps are made in their order. */
    static String story(HostCall call) {
        if (call instanceof CollectPayment collect) {
            return collect.payment().invoiceHostId();
        }
        if (call instanceof CancelInvoice cancel) {
            return cancel.creditNote().invoiceHostId();
        }
        return ((LockInvoice) call).invoice().hostId();
    }
}
