package io.fieldsync.accounting.engine.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.engine.inbound.RemoteUpdates.Tenant;
import io.fieldsync.accounting.engine.sync.Dispatcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook reads held back for a lane's limit, per organisation, until the lane may call again; then a flush of
 * {@link RemoteUpdates} makes them. Held reads live in memory only: the webhook was answered already and the vendor will
 * not send it again, but polling still catches whatever a restart loses, so a durable queue would add a table for a gap
 * polling already covers.
 *
 * <p>Not a thread-safe class of its own: every map here is guarded by the lock {@link RemoteUpdates} guards its
 * gathered events with, handed in as {@code guard}, so a flush takes the due reads and the new events in one step.
 */
final class HeldReads {

    /** The component's logger: the lines an operator filters on stay under the name they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpdates.class);
    /** The shortest a read is held for a lane's limit. */
    private static final Duration HOLD_AT_LEAST = Duration.ofMillis(100);

    private final Object guard;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Runnable flush;
    private final Dispatcher dispatcher;
    /** Reads held back for a lane's limit, per organisation; guarded by {@link #guard}. */
    private final Map<Tenant, Held> held = new LinkedHashMap<>();
    /** When the flush that makes the held reads is due; guarded by {@link #guard}. */
    private Instant heldWakeAt;

    /** Invoice reads (and the settlement events that name more invoices) that wait for the lane until {@code notBefore}. */
    private record Held(Instant notBefore, Set<String> invoiceIds, List<RemoteEvent> settlements) {
    }

    /**
     * @param guard    the lock the held reads share with the events gathered for the next flush
     * @param executor the component's one thread, on which {@code flush} runs
     * @param flush    the flush that makes the reads whose lane may call (it calls {@link #takeDue})
     */
    HeldReads(Object guard, Clock clock, ScheduledExecutorService executor, Runnable flush, Dispatcher dispatcher) {
        this.guard = guard;
        this.clock = clock;
        this.executor = executor;
        this.flush = flush;
        this.dispatcher = dispatcher;
    }

    /**
     * Moves the held reads whose lane may call now into this flush, before the events that came since (same order).
     * The caller holds {@code guard}.
     */
    void takeDue(Map<Tenant, Set<String>> batch, Map<Tenant, List<RemoteEvent>> settlements) {
        Instant now = clock.instant();
        var due = held.entrySet().iterator();
        while (due.hasNext()) {
            var entry = due.next();
            if (entry.getValue().notBefore().isAfter(now)) {
                continue;
            }
            due.remove();
            Set<String> ids = new LinkedHashSet<>(entry.getValue().invoiceIds());
            ids.addAll(batch.getOrDefault(entry.getKey(), Set.of()));
            batch.put(entry.getKey(), ids);
            List<RemoteEvent> events = new ArrayList<>(entry.getValue().settlements());
            events.addAll(settlements.getOrDefault(entry.getKey(), List.of()));
            settlements.put(entry.getKey(), events);
        }
    }

    /** Holds reads of the organisation until its lane may call at {@code notBefore}, with any held already. */
    void hold(Tenant tenant, Instant notBefore, List<String> invoiceIds, List<RemoteEvent> settlements) {
        // a wait that ends now (a window reset the provider reported to the millisecond) must not spin the flush thread
        Instant soonest = clock.instant().plus(HOLD_AT_LEAST);
        if (notBefore.isBefore(soonest)) {
            notBefore = soonest;
        }
        synchronized (guard) {
            Held before = held.get(tenant);
            Set<String> ids = new LinkedHashSet<>(before == null ? Set.of() : before.invoiceIds());
            ids.addAll(invoiceIds);
            List<RemoteEvent> events = new ArrayList<>(before == null ? List.of() : before.settlements());
            events.addAll(settlements);
            Instant until = before == null || notBefore.isAfter(before.notBefore()) ? notBefore : before.notBefore();
            held.put(tenant, new Held(until, ids, List.copyOf(events)));
        }
    }

    /** The read was refused for a limit: the lane pauses for everyone, and the read waits for it here. */
    void heldForLimit(Tenant tenant, CompanyId company, RateLimitedException limited, List<String> invoiceIds,
                      List<RemoteEvent> settlements) {
        dispatcher.laneRefused(company, tenant.provider(), limited);
        Instant until = clock.instant().plus(limited.retryAfter());
        LOG.info("{} refused webhook reads of company {} for its {} limit; {} invoices are read at {}", tenant.provider(), company,
                limited.limit().words(), invoiceIds.size() + settlements.size(), until);
        hold(tenant, until, invoiceIds, settlements);
    }

    /** Schedules a flush for the earliest held read, unless one is due by then already. */
    void wake() {
        Instant earliest;
        synchronized (guard) {
            earliest = held.values().stream().map(Held::notBefore).min(Instant::compareTo).orElse(null);
            if (earliest == null || (heldWakeAt != null && !heldWakeAt.isAfter(earliest) && heldWakeAt.isAfter(clock.instant()))) {
                return;
            }
            heldWakeAt = earliest;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), earliest).toMillis());
        try {
            executor.schedule(flush, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warn("Accounting is stopping; {} webhook reads held for a rate limit are left to polling", held.size());
        }
    }

    /** How many organisations have reads held. */
    int organisations() {
        synchronized (guard) {
            return held.size();
        }
    }
}
