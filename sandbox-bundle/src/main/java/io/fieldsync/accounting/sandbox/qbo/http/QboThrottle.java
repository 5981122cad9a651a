package io.fieldsync.accounting.sandbox.qbo.http;

import io.fieldsync.accounting.sandbox.qbo.QboLimits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * QBO's throttles per app and company (see {@link QboLimits}): requests per minute (a batch costs one per item),
 * requests in flight, batches per minute. Fixed one-minute windows that open with the first request. A refused request
 * consumes nothing. Time is the sandbox clock's.
 */
public final class QboThrottle {

    private final QboLimits limits;
    private final Clock clock;
    private final Map<String, RealmState> realms = new HashMap<>();

    public QboThrottle(QboLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A granted request; {@link #release()} it when answered. Null from {@link #admit} means refused. */
    public final class Admission {
        private final RealmState state;
        private boolean released;

        private Admission(RealmState state) {
            this.state = state;
        }

        public void release() {
            synchronized (QboThrottle.this) {
                if (!released) {
                    released = true;
                    state.inFlight--;
                }
            }
        }
    }

    /**
     * Admits a request that costs {@code calls} of the per-minute budget (1, or the item count of a batch) and, when
     * {@code batch}, one of the batch budget.
     *
     * @return the admission, or null when a limit is reached (answer 429)
     */
    public synchronized Admission admit(String appId, String realmId, int calls, boolean batch) {
        Instant now = clock.instant();
        RealmState state = realms.computeIfAbsent(appId + "/" + realmId, k -> new RealmState());
        state.minute.roll(now);
        state.batches.roll(now);
        if (state.inFlight >= limits.concurrent()
                || state.minute.count + calls > limits.perMinute()
                || (batch && state.batches.count + 1 > limits.batchesPerMinute())) {
            return null;
        }
        state.minute.take(now, calls);
        if (batch) {
            state.batches.take(now, 1);
        }
        state.inFlight++;
        return new Admission(state);
    }

    /** Requests of this company being served right now (for tests that provoke the concurrency limit). */
    public synchronized int inFlight(String appId, String realmId) {
        RealmState state = realms.get(appId + "/" + realmId);
        return state == null ? 0 : state.inFlight;
    }

    private static final class RealmState {
        final Window minute = new Window();
        final Window batches = new Window();
        int inFlight;
    }

    private static final class Window {
        private static final Duration LENGTH = Duration.ofMinutes(1);
        Instant start;
        int count;

        void roll(Instant now) {
            if (start != null && !now.isBefore(start.plus(LENGTH))) {
                start = null;
                count = 0;
            }
        }

        void take(Instant now, int n) {
            if (start == null) {
                start = now;
            }
            count += n;
        }
    }
}
