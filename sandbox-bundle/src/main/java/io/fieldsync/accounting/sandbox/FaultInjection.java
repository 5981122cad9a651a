package io.fieldsync.accounting.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test can switch on while a simulator runs: random 500s, the next N calls failing with 500 or 503 (used by
 * the QBO sandbox), added latency, a burst of 429s,
 * "apply the write, then drop the connection without answering" and "apply the write, then answer after the client
 * gave up" (the two cases that make an outcome unknown to the client), and one organisation or company whose calls
 * hang (the others served as usual: what a benchmark of isolation between companies needs). Those apply to the vendor's business API
 * calls. The OAuth token endpoint has its own: an outage (500 or 503, for a number of requests or for a stretch of
 * sandbox time), 429s, and "carry out the request, then drop the connection" (a refresh token spent by a refresh
 * whose answer never arrived). Every fault that actually reached a call is counted ({@link #injected()}), so that a
 * chaos run can say what it survived. Thread-safe; the random source is seedable so that a failing run can be
 * repeated.
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
    private final AtomicInteger pendingTokenFailures = new AtomicInteger();
    private volatile int tokenFailureStatus = 503;
    private final AtomicInteger pendingTokenThrottles = new AtomicInteger();
    private volatile long tokenRetryAfterSeconds = 1;
    private final AtomicInteger pendingTokenDrops = new AtomicInteger();
    private final AtomicInteger pendingLateAnswers = new AtomicInteger();
    private volatile Duration lateAnswerDelay = Duration.ZERO;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger forcedFailures = new AtomicInteger();
    private final AtomicInteger tooManyRequestsSent = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger answeredLate = new AtomicInteger();
    private volatile Instant tokenOutageUntil = Instant.MIN;
    private final AtomicInteger tokenRefusals = new AtomicInteger();
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final AtomicInteger hungCalls = new AtomicInteger();

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
     * The next {@code writes} PUT/POST/DELETE calls are applied, then answered only after {@code delay}: a client whose
     * read timeout is shorter gives up first, as it would against a vendor that is slow to confirm a write.
     */
    public FaultInjection answerLateAfterApply(int writes, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a late answer's delay cannot be negative: " + delay);
        }
        this.lateAnswerDelay = delay;
        this.pendingLateAnswers.set(writes);
        return this;
    }

    /**
     * The vendor's token endpoint is down until {@code until} (on the simulator's clock): code exchanges and refreshes
     * are refused with 503 before anything is issued or consumed. The API itself keeps answering.
     */
    public FaultInjection tokenEndpointOutage(Instant until) {
        this.tokenOutageUntil = Objects.requireNonNull(until);
        return this;
    }

    /** Restarts the error rate's random source from {@code seed}, so that a run can be repeated call for call. */
    public FaultInjection reseed(long seed) {
        synchronized (random) {
            random.setSeed(seed);
        }
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

    /**
     * The next {@code requests} requests to the OAuth token endpoint (code exchanges and refreshes) fail with HTTP
     * {@code status} (500 or 503) before anything is done: the vendor's identity service is down.
     */
    public FaultInjection tokenEndpointOutage(int requests, int status) {
        if (status != 500 && status != 503) {
            throw new IllegalArgumentException("only 500 and 503 outages are simulated: " + status);
        }
        this.tokenFailureStatus = status;
        this.pendingTokenFailures.set(requests);
        return this;
    }

    /** The next {@code requests} token-endpoint requests are refused with 429 and {@code Retry-After: retryAfter}. */
    public FaultInjection tokenEndpointTooManyRequests(int requests, Duration retryAfter) {
        this.tokenRetryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        this.pendingTokenThrottles.set(requests);
        return this;
    }

    /**
     * The next {@code requests} token-endpoint requests are carried out (a refresh rotates the refresh token, a code
     * is spent), then the connection is closed without an answer: the client cannot know what it now holds.
     */
    public FaultInjection tokenEndpointDropsAnswers(int requests) {
        this.pendingTokenDrops.set(requests);
        return this;
    }

    /**
     * Every API call for {@code tenant} (a Xero tenant id, a QuickBooks realm id) from now on is held, unanswered and
     * holding its concurrency slot, until {@link #release(String)} or {@link #reset()}; then it is served as usual, as by
     * a vendor that was only very slow. Calls for every other tenant are served meanwhile. A client's read timeout
     * gives up on a held call first.
     */
    public FaultInjection hang(String tenant) {
        hanging.putIfAbsent(Objects.requireNonNull(tenant), new CountDownLatch(1));
        return this;
    }

    /** Ends {@link #hang(String)} for {@code tenant}: the held calls go on. */
    public FaultInjection release(String tenant) {
        CountDownLatch held = hanging.remove(tenant);
        if (held != null) {
            held.countDown();
        }
        return this;
    }

    /** Disarms every fault; what was already injected stays counted. */
    public void reset() {
        List.copyOf(hanging.keySet()).forEach(this::release);
        errorRate = 0;
        latency = Duration.ZERO;
        pendingTooManyRequests.set(0);
        pendingDrops.set(0);
        pendingFailures.set(0);
        pendingTokenFailures.set(0);
        pendingTokenThrottles.set(0);
        pendingTokenDrops.set(0);
        pendingLateAnswers.set(0);
        tokenOutageUntil = Instant.MIN;
    }

    /** The faults that reached a call so far (armed faults that met no call are not counted). */
    public InjectedFaults injected() {
        return new InjectedFaults(serverErrors.get(), forcedFailures.get(), tooManyRequestsSent.get(), dropped.get(),
                answeredLate.get(), tokenRefusals.get());
    }

    /** API calls that met a {@link #hang(String)}. */
    public int hungCalls() {
        return hungCalls.get();
    }

    // --- used by the simulators ---

    /** Holds the calling thread while {@code tenant} hangs; at most an hour, so a forgotten hang cannot pin a thread for ever. */
    public void holdWhileHanging(String tenant) {
        CountDownLatch held = hanging.get(tenant);
        if (held == null) {
            return;
        }
        hungCalls.incrementAndGet();
        try {
            held.await(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Duration latency() {
        return latency;
    }

    public boolean nextCallFails() {
        double rate = errorRate;
        if (rate <= 0) {
            return false;
        }
        boolean fails;
        synchronized (random) {
            fails = random.nextDouble() < rate;
        }
        if (fails) {
            serverErrors.incrementAndGet();
        }
        return fails;
    }

    /** If a forced 429 is pending, consumes it and returns its Retry-After in seconds. */
    public OptionalLong takeTooManyRequests() {
        return takeOne(pendingTooManyRequests, tooManyRequestsSent) ? OptionalLong.of(tooManyRequestsRetryAfterSeconds)
                : OptionalLong.empty();
    }

    /** If a forced failure ({@link #failNext}) is pending, consumes it and returns its HTTP status. */
    public OptionalInt takeForcedFailure() {
        return takeOne(pendingFailures, forcedFailures) ? OptionalInt.of(failureStatus) : OptionalInt.empty();
    }

    public boolean takeDropAfterApply() {
        return takeOne(pendingDrops, dropped);
    }

    /** If a token-endpoint outage is pending, consumes one request of it and returns its HTTP status. */
    public OptionalInt takeTokenEndpointOutage() {
        return takeOne(pendingTokenFailures, tokenRefusals) ? OptionalInt.of(tokenFailureStatus) : OptionalInt.empty();
    }

    /** If a token-endpoint 429 is pending, consumes it and returns its Retry-After in seconds. */
    public OptionalLong takeTokenEndpointTooManyRequests() {
        return takeOne(pendingTokenThrottles, tokenRefusals) ? OptionalLong.of(tokenRetryAfterSeconds) : OptionalLong.empty();
    }

    /** Whether the token request being answered is to lose its answer. */
    public boolean takeTokenEndpointDrop() {
        return takeOne(pendingTokenDrops, tokenRefusals);
    }

    /** Whether the token endpoint is down at {@code now}; a true answer is counted as an injected refusal. */
    public boolean tokenEndpointDown(Instant now) {
        if (now.isBefore(tokenOutageUntil)) {
            tokenRefusals.incrementAndGet();
            return true;
        }
        return false;
    }

    /** If a late answer ({@link #answerLateAfterApply}) is pending, consumes it and returns how late to answer. */
    public Optional<Duration> takeLateAnswerAfterApply() {
        return takeOne(pendingLateAnswers, answeredLate) ? Optional.of(lateAnswerDelay) : Optional.empty();
    }

    private static boolean takeOne(AtomicInteger pending, AtomicInteger injected) {
        boolean taken = pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (taken) {
            injected.incrementAndGet();
        }
        return taken;
    }
}
