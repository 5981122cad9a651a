package io.fieldsync.accounting.engine.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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

    /** One connection's budgets. */
    private static final class Lane {
        final CallWindow minute;
        final CallWindow day;
        LaneWait paused;
        /** The most calls one engine call took (a lookup before a write, a retry after a refresh): the margin kept. */
        int largestCall = 1;
        /** The most documents one call may carry in this lane, lowered when a call needed more than a whole window. */
        int batchCap = Integer.MAX_VALUE;
        long calls;

        Lane(ProviderLimits limits) {
            minute = new CallWindow(MINUTE, limits.callsPerMinute());
            day = new CallWindow(DAY, limits.callsPerDay());
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
                lane.minute.declare(limits.callsPerMinute());
                lane.day.declare(limits.callsPerDay());
            }
        });
    }

    /**
     * Why the lane must not call now, and until when; empty when the next call fits every budget (with the margin of
     * the most calls one engine call took in this lane).
     */
    public Optional<LaneWait> waitBeforeCall(LaneId id) {
        Instant now = clock.instant();
        Lane lane = lane(id);
        App app = app(id.provider());
        synchronized (lane) {
            int margin = lane.largestCall;
            return Stream.of(
                    paused(lane.paused, now),
                    paused(app.paused, now),
                    spent(lane.day, margin, now, RateLimit.DAY),
                    spent(lane.minute, margin, now, RateLimit.MINUTE),
                    spent(app.minute, margin, now, RateLimit.APP_MINUTE))
                    .flatMap(Optional::stream)
                    .max(Comparator.comparing(LaneWait::until));
        }
    }

    /** One call (one HTTP exchange, as the provider logs it) was made for the lane. */
    public void called(LaneId id) {
        Instant now = clock.instant();
        Lane lane = lane(id);
        synchronized (lane) {
            lane.minute.called(now);
            lane.day.called(now);
            lane.calls++;
        }
        app(id.provider()).minute.called(now);
    }

    /** How many calls the lane has made so far (to learn how many one engine call takes). */
    public long calls(LaneId id) {
        Lane lane = lane(id);
        synchronized (lane) {
            return lane.calls;
        }
    }

    /**
     * One engine call into the provider carrying {@code documents} took {@code calls} exchanges: the lane keeps that
     * many in reserve from now on. A call that took more than a whole minute window holds (Xero looks contacts up a
     * few names per request, so a batch of fifty new customers is several calls) can never fit, however long the lane
     * waits: it would be refused every minute. The lane then carries half as many documents per call.
     */
    public void callTook(LaneId id, long calls, int documents) {
        Lane lane = lane(id);
        int window = Math.min(lane.minute.declared(), app(id.provider()).minute.declared());
        synchronized (lane) {
            lane.largestCall = (int) Math.max(lane.largestCall, Math.min(calls, 50));
            if (calls > window && documents > 1) {
                lane.batchCap = Math.min(lane.batchCap, Math.max(1, documents / 2));
                LOG.info("A call of {} documents took {} calls in lane {}, more than the {} a minute allows: it now sends "
                        + "at most {} per call", documents, calls, id, window, lane.batchCap);
            }
        }
    }

    /** How many documents one call of this lane may carry at most (the provider's batch size still applies). */
    public int batchCap(LaneId id) {
        Lane lane = lane(id);
        synchronized (lane) {
            return lane.batchCap;
        }
    }

    /** Takes in what a response said about the limits. */
    public void observe(LaneId id, RateLimitObservation seen) {
        Lane lane = lane(id);
        synchronized (lane) {
            lane.minute.report(seen.minuteRemaining(), seen.minuteResetsAt(), seen.observedAt());
            lane.day.report(seen.dayRemaining(), seen.dayResetsAt(), seen.observedAt());
        }
        app(id.provider()).minute.report(seen.appMinuteRemaining(), seen.appMinuteResetsAt(), seen.observedAt());
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
