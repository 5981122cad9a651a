package io.fieldsync.accounting.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The accounting system refused a call because a limit was reached. The engine waits
 * {@link #retryAfter()} and tries again; the document never shows this as a failure.
 */
public class RateLimitedException extends AccountingException {

    private static final long serialVersionUID = 1L;

    private final String limit;
    private final Duration retryAfter;

    /**
     * @param limit which limit was hit, in the vendor's words (Xero: minute, day, appminute, concurrent)
     * @param retryAfter how long to wait before the next call
     */
    public RateLimitedException(String limit, Duration retryAfter) {
        super(SyncError.of(ErrorCode.RATE_LIMITED, Objects.requireNonNull(limit, "limit")));
        this.limit = limit;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retry after");
    }

    /** Which limit was hit. */
    public String limit() {
        return limit;
    }

    /** How long to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
