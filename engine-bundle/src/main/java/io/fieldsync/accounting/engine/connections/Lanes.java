package io.fieldsync.accounting.engine.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.engine.store.LaneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pacing of every lane on this node: per connection a minute and a daily budget, per provider the app-wide
 * minute budget all its lanes share. A lane asks {@link #waitBeforeCall} before each call and waits when a budget is
 * spent, so it never provokes a 429; a 429 that comes anyway pauses that lane, or every lane of the provider when
 * the limit is the app's. The budgets start from what the provider declares ({@link ProviderLimits}) and are
 * corrected by what its responses report ({@link RateLimitObservation}); the vendors' rules (when a window resets)
 * stay in the providers.
 */
public final class Lanes {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);
    /** How soon a call held for the connection's concurrent-call limit looks again. */
    private static final Duration CONCURRENT_RETRY = Duration.ofSeconds(1);

    /** One connection's budgets. */
    private static final class Lane {
        final CallWindow minute;
        final CallWindow day;
        /** Batch requests a minute, where the vendor limits them apart from the calls they count as (QuickBooks: 40). */
        final CallWindow batches;
        int concurrent;
        LaneWait paused;
        /** What each kind of engine call took lately (invoices, credit notes, customers, reads): see {@link #reserve}. */
        final Map<String, LaneReserve> reserves = new HashMap<>();
        /** What any engine call took lately, for a kind of call the lane has not made yet. */
        final LaneReserve anyCall = new LaneReserve();
        final LaneBatchSize batchSize = new LaneBatchSize();
        long units;
        long batchRequests;
        /** Engine calls admitted and not yet over, and the reserve they hold. */
        int inFlight;
        int reservedUnits;
        int reservedBatches;

        Lane(ProviderLimits limits) {
            minute = new CallWindow(MINUTE, limits.callsPerMinute());
            day = new CallWindow(DAY, limits.callsPerDay());
            batches = new CallWindow(MINUTE, batchLimit(limits));
            concurrent = limits.concurrentCalls();
        }

        /**
         * The reserve for one kind of engine call. Kept per kind because Xero's calls differ by kind: a credit-note call
         * is 1 + one allocation per note (26 calls), an invoice call 1; one reserve for all kept 26 calls back before
         * every invoice call, so each minute ended with up to 25 calls unused (Xero ×15: a fourth window). A kind the
         * lane has not made yet keeps what any recent call took, so its first call cannot start short.
         */
        LaneReserve reserve(String purpose) {
            LaneReserve known = purpose == null ? null : reserves.get(purpose);
            return known != null ? known : anyCall;
        }
    }

    /** A provider's app-wide budget, shared by all its lanes on this node. */
    private static final class App {
        final CallWindow minute;
        LaneWait paused;

        App(ProviderLimits limits) {
            minute = new CallWindow(MINUTE, limits.appCallsPerMinute() > 0 ? limits.appCallsPerMinute() : Integer.MAX_VALUE);
        }
    }

    private final Map<LaneId, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, ProviderLimits> declared = new ConcurrentHashMap<>();
    private final Clock clock;

    public Lanes(Clock clock) {
        this.clock = clock;
    }

    /** Takes the provider's declared limits (again: they change with its configuration). */
    public void declare(String provider, ProviderLimits limits) {
        declared.put(provider, limits);
        App app = apps.computeIfAbsent(provider, id -> new App(limits));
        app.minute.declare(limits.appCallsPerMinute() > 0 ? limits.appCallsPerMinute() : Integer.MAX_VALUE);
        lanes.forEach((id, lane) -> {
            if (id.provider().equals(provider)) {
                synchronized (lane) {
                    lane.minute.declare(limits.callsPerMinute());
                    lane.day.declare(limits.callsPerDay());
                    lane.batches.declare(batchLimit(limits));
                    lane.concurrent = limits.concurrentCalls();
                }
            }
        });
    }

    /**
     * Why the lane must not call now, and until when; empty when the next call fits every budget (with the lane's
     * reserve, besides what the calls already running in it hold).
     */
    public Optional<LaneWait> waitBeforeCall(LaneId id) {
        return waitBeforeCall(id, null);
    }

    /** As {@link #waitBeforeCall(LaneId)} for one kind of engine call ({@code purpose}), with that kind's reserve. */
    public Optional<LaneWait> waitBeforeCall(LaneId id, String purpose) {
        Lane lane = lane(id);
        synchronized (lane) {
            return waitOf(lane, app(id.provider()), lane.reserve(purpose).units(), lane.reserve(purpose).batches(), clock.instant(), false);
        }
    }

    /**
     * Why the lane can make no call at all now (not even one of a single call), and until when: whether a turn is worth
     * starting. A turn whose bigger calls do not fit still sends the smaller ones; each is held by its own reserve.
     */
    public Optional<LaneWait> waitBeforeAnyCall(LaneId id) {
        Lane lane = lane(id);
        synchronized (lane) {
            return waitOf(lane, app(id.provider()), 1, 1, clock.instant(), false);
        }
    }

    /**
     * Admits one engine call into the provider for the lane when it fits: a concurrent-call permit free and the lane's
     * reserve left in every budget after what the calls already running hold. Every call the engine makes for a
     * connection enters here (a turn's document calls, the admin's reads, webhook follow-up reads), so none of them
     * can push another into a 429. Close the returned call when the engine call is over.
     */
    public LaneCall enter(LaneId id) {
        return enter(id, null);
    }

    /** As {@link #enter(LaneId)} for one kind of engine call ({@code purpose}), which holds that kind's reserve. */
    public LaneCall enter(LaneId id, String purpose) {
        Lane lane = lane(id);
        App app = app(id.provider());
        synchronized (lane) {
            int units = lane.reserve(purpose).units();
            int batches = lane.reserve(purpose).batches();
            Optional<LaneWait> wait = waitOf(lane, app, units, batches, clock.instant(), true);
            if (wait.isPresent()) {
                return LaneCall.held(wait.get());
            }
            lane.inFlight++;
            lane.reservedUnits += units;
            lane.reservedBatches += batches;
            return LaneCall.admitted(() -> {
                synchronized (lane) {
                    lane.inFlight--;
                    lane.reservedUnits -= units;
                    lane.reservedBatches -= batches;
                }
            });
        }
    }

    private Optional<LaneWait> waitOf(Lane lane, App app, int reserveUnits, int reserveBatches, Instant now, boolean permitNeeded) {
        int units = reserveUnits + lane.reservedUnits;
        int batches = reserveBatches + lane.reservedBatches;
        Optional<LaneWait> concurrent = permitNeeded && lane.inFlight >= lane.concurrent
                // no time is known when a running call ends: the caller looks again shortly
                ? Optional.of(new LaneWait(now.plus(CONCURRENT_RETRY), RateLimit.CONCURRENT, false))
                : Optional.empty();
        return Stream.of(
                        paused(lane.paused, now),
                        paused(app.paused, now),
                        spent(lane.day, units, now, RateLimit.DAY),
                        spent(lane.minute, units, now, RateLimit.MINUTE),
                        spent(lane.batches, batches, now, RateLimit.MINUTE),
                        spent(app.minute, reserveUnits, now, RateLimit.APP_MINUTE),
                        concurrent)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(LaneWait::until));
    }

    /** One call (one HTTP exchange, as the provider logs it) was made for the lane. */
    public void called(LaneId id) {
        called(id, 1, false);
    }

    /**
     * One exchange was made for the lane that the vendor counts as {@code units} calls; {@code batch} when it was a
     * batch request, which counts against the vendor's batch limit too.
     */
    public void called(LaneId id, int units, boolean batch) {
        Instant now = clock.instant();
        Lane lane = lane(id);
        synchronized (lane) {
            lane.minute.called(now, units);
            lane.day.called(now, units);
            lane.units += units;
            if (batch) {
                lane.batches.called(now);
                lane.batchRequests++;
            }
        }
        app(id.provider()).minute.called(now, units);
    }

    /** What the lane has spent so far (two snapshots around an engine call say what it took). */
    public LaneUsage usage(LaneId id) {
        Lane lane = lane(id);
        synchronized (lane) {
            return new LaneUsage(lane.units, lane.batchRequests);
        }
    }

    /**
     * One engine call into the provider carrying {@code documents} took {@code took}: the lane keeps that much in
     * reserve for its next calls ({@link LaneReserve}). A call that took more than a whole minute window holds can
     * never fit, however long the lane waits: the lane then carries half as many documents per call, and grows back
     * to the full batch after calls that fit ({@link LaneBatchSize}).
     */
    public void callTook(LaneId id, LaneUsage took, int documents) {
        callTook(id, null, took, documents);
    }

    /** As {@link #callTook(LaneId, LaneUsage, int)} for one kind of engine call, whose reserve it sets. */
    public void callTook(LaneId id, String purpose, LaneUsage took, int documents) {
        Lane lane = lane(id);
        App app = app(id.provider());
        synchronized (lane) {
            lane.anyCall.took(took);
            if (purpose != null) {
                lane.reserves.computeIfAbsent(purpose, kind -> new LaneReserve()).took(took);
            }
            long window = Math.min(lane.minute.declared(), app.minute.declared());
            if (took.units() > window || took.batches() > lane.batches.declared()) {
                int before = lane.batchSize.cap();
                lane.batchSize.tooBig(documents);
                if (lane.batchSize.cap() != before) {
                    LOG.info("A call of {} documents took {} calls in lane {}, more than the {} a minute allows: it now sends "
                            + "at most {} per call", documents, took.units(), id, window, lane.batchSize.cap());
                }
            } else {
                int before = lane.batchSize.cap();
                lane.batchSize.fitted(documents);
                if (before != LaneBatchSize.UNCAPPED && lane.batchSize.cap() == LaneBatchSize.UNCAPPED) {
                    LOG.info("Lane {} is back to the provider's full batch size", id);
                }
            }
        }
    }

    /** How many documents one call of this lane may carry at most (the provider's batch size still applies). */
    public int batchCap(LaneId id) {
        Lane lane = lane(id);
        synchronized (lane) {
            return lane.batchSize.cap();
        }
    }

    /** Takes in what a response said about the limits. */
    public void observe(LaneId id, RateLimitObservation seen) {
        Lane lane = lane(id);
        boolean refusal = seen.problem() != null || seen.retryAfter() != null;
        synchronized (lane) {
            lane.minute.report(seen.minuteRemaining(), seen.minuteResetsAt(), seen.observedAt(), refusal);
            lane.day.report(seen.dayRemaining(), seen.dayResetsAt(), seen.observedAt(), refusal);
        }
        app(id.provider()).minute.report(seen.appMinuteRemaining(), seen.appMinuteResetsAt(), seen.observedAt(), refusal);
    }

    /** A call was refused for a limit anyway: that lane pauses, or every lane of the provider for the app's limit. */
    public void limited(LaneId id, RateLimitedException limited) {
        LaneWait wait = new LaneWait(clock.instant().plus(limited.retryAfter()), limited.limit(), true);
        if (limited.limit().appWide()) {
            App app = app(id.provider());
            synchronized (app) {
                app.paused = later(app.paused, wait);
            }
            LOG.warn("{} refused a call for its app-wide limit: every connection of it on this node pauses until {}", id.provider(), wait.until());
            return;
        }
        Lane lane = lane(id);
        synchronized (lane) {
            lane.paused = later(lane.paused, wait);
        }
        LOG.info("Lane {} refused for the {} limit: it pauses until {}; other companies go on", id, limited.limit().words(), wait.until());
    }

    /** Where the lane stands for status displays, when it waits. */
    public Optional<LaneWait> quiet(LaneId id) {
        return waitBeforeCall(id);
    }

    private Lane lane(LaneId id) {
        return lanes.computeIfAbsent(id, key -> new Lane(limitsOf(key.provider())));
    }

    private App app(String provider) {
        return apps.computeIfAbsent(provider, key -> new App(limitsOf(key)));
    }

    private ProviderLimits limitsOf(String provider) {
        // a lane asked about before its provider declared anything keeps to no budget of its own until it does
        return declared.getOrDefault(provider, new ProviderLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, Map.of()));
    }

    private static Optional<LaneWait> paused(LaneWait paused, Instant now) {
        return paused != null && paused.until().isAfter(now) ? Optional.of(paused) : Optional.empty();
    }

    private static int batchLimit(ProviderLimits limits) {
        return limits.batchRequestsPerMinute() > 0 ? limits.batchRequestsPerMinute() : Integer.MAX_VALUE;
    }

    private static Optional<LaneWait> spent(CallWindow window, int margin, Instant now, RateLimit limit) {
        if (window.remaining(now) >= Math.min(margin, window.declared())) {
            return Optional.empty();
        }
        Instant resets = window.resetsAt(now);
        // a budget spent without a window open (declared smaller than one call) waits the window's length
        return Optional.of(new LaneWait(resets != null ? resets : now.plus(limit == RateLimit.DAY ? DAY : MINUTE), limit, false));
    }

    private static LaneWait later(LaneWait before, LaneWait now) {
        return before == null || now.until().isAfter(before.until()) ? now : before;
    }
}
