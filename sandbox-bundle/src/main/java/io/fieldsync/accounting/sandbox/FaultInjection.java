package io.fieldsync.accounting.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test can switch on while a simulator runs: random 500s, the next N calls failing with 500 or 503 (used by
 * the QBO sandbox), added latency, a burst of 429s and
 * "apply the write, then drop the connection without answering" (the case that makes an outcome unknown
 * to the client). Settings apply to the vendor's business API calls, not to its OAuth endpoints.
 * Thread-safe; the random source is seedable so that a failing run can be repeated.
 */
public final class FaultInjection {

    private final Random random;
    private volatile double errorRate;
    private volatile Duration latency = Duration.ZERO;
    private final AtomicInteger pendingTooManyRequests = new AtomicInteger();
    private volatile long tooManyRequestsRetryAfterSeconds = 1;
    private final AtomicInteger pendingDrops = new AtomicInteger();
    private final AtomicInteger pendingFailures = new AtomicInteger();
    private volatile int failureStatus = 500;

    public FaultInjection() {
        this(new Random());
    }

    public FaultInjection(long seed) {
        this(new Random(seed));
    }

    private FaultInjection(Random random) {
        this.random = random;
    }

    /** Probability (0..1) that an API call fails with HTTP 500 before it is applied. */
    public FaultInjection errorRate(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("error rate must be within 0..1: " + probability);
        }
        this.errorRate = probability;
        return this;
    }

    /** Real-time delay added to every API call (while the call holds its concurrency slot). */
    public FaultInjection latency(Duration added) {
        this.latency = Objects.requireNonNull(added);
        return this;
    }

    /** The next {@code calls} API calls are refused with 429 and {@code Retry-After: retryAfter}. */
    public FaultInjection tooManyRequests(int calls, Duration retryAfter) {
        this.tooManyRequestsRetryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        this.pendingTooManyRequests.set(calls);
        return this;
    }

    /** The next {@code writes} PUT/POST/DELETE calls are applied, then the socket is closed without a response. */
    public FaultInjection dropConnectionAfterApply(int writes) {
        this.pendingDrops.set(writes);
        return this;
    }

    /**
     * The next {@code calls} API calls fail with HTTP {@code status} (500 or 503: the vendor's outage bodies) before
     * they are applied. Deterministic, unlike {@link #errorRate}.
     */
    public FaultInjection failNext(int calls, int status) {
        if (status != 500 && status != 503) {
            throw new IllegalArgumentException("only 500 and 503 outages are simulated: " + status);
        }
        this.failureStatus = status;
        this.pendingFailures.set(calls);
        return this;
    }

    public void reset() {
        errorRate = 0;
        latency = Duration.ZERO;
        pendingTooManyRequests.set(0);
        pendingDrops.set(0);
        pendingFailures.set(0);
    }

    // --- used by the simulators ---

    public Duration latency() {
        return latency;
    }

    public boolean nextCallFails() {
        double rate = errorRate;
        if (rate <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }

    /** If a forced 429 is pending, consumes it and returns its Retry-After in seconds. */
    public OptionalLong takeTooManyRequests() {
        return takeOne(pendingTooManyRequests) ? OptionalLong.of(tooManyRequestsRetryAfterSeconds) : OptionalLong.empty();
    }

    /** If a forced failure ({@link #failNext}) is pending, consumes it and returns its HTTP status. */
    public OptionalInt takeForcedFailure() {
        return takeOne(pendingFailures) ? OptionalInt.of(failureStatus) : OptionalInt.empty();
    }

    public boolean takeDropAfterApply() {
        return takeOne(pendingDrops);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
