package io.fieldsync.accounting.api.spi;

import java.time.Duration;
import java.util.Objects;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/**
 * The accounting system refused a call because a limit was reached. The engine waits {@link #retryAfter()} (only the
 * connection's lane, or every lane of the provider for an {@linkplain RateLimit#appWide() app-wide} limit) and tries
 * again; the document never shows this as a failure. It is a provider's report to the engine, hence in the SPI.
 */
public class RateLimitedException extends AccountingException {

    private static final long serialVersionUID = 2L;

    private final RateLimit limit;
    private final Duration retryAfter;

    /**
     * @param limit which limit was hit
     * @param retryAfter how long to wait before the next call (the vendor's Retry-After, or the provider's rule when
     *                   the vendor sends none)
     */
    public RateLimitedException(RateLimit limit, Duration retryAfter) {
        super(SyncError.of(ErrorCode.RATE_LIMITED, Objects.requireNonNull(limit, "limit").words()));
        this.limit = limit;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retry after");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retry after must not be negative: " + retryAfter);
        }
    }

    /** Which limit was hit. */
    public RateLimit limit() {
        return limit;
    }

    /** How long to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
