package io.fieldsync.accounting.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one response said about the limits, read by the provider in its vendor's terms (Xero: {@code X-MinLimit-Remaining},
 * {@code X-DayLimit-Remaining}, {@code X-AppMinLimit-Remaining}, {@code Retry-After}, {@code X-Rate-Limit-Problem}).
 * The provider also says when each window resets, as far as its vendor lets it know: the engine paces by these and
 * knows no vendor's rules. Unknown parts are null; the engine then keeps to the declared {@link ProviderLimits}.
 *
 * @param minuteRemaining calls left this minute for the organisation
 * @param minuteResetsAt when the organisation's minute window resets
 * @param dayRemaining calls left today for the organisation
 * @param dayResetsAt when the organisation's daily budget resets
 * @param appMinuteRemaining calls left this minute for the whole app
 * @param appMinuteResetsAt when the app's minute window resets
 * @param retryAfter how long to wait, when a limit was hit
 * @param problem which limit was hit, or null
 * @param observedAt when the response arrived
 */
public record RateLimitObservation(Integer minuteRemaining, Instant minuteResetsAt, Integer dayRemaining, Instant dayResetsAt,
                                   Integer appMinuteRemaining, Instant appMinuteResetsAt, Duration retryAfter, RateLimit problem,
                                   Instant observedAt) {

    /** Validates the parts. */
    public RateLimitObservation {
        Objects.requireNonNull(observedAt, "observed at");
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retry after must not be negative: " + retryAfter);
        }
    }

    /** A response that only said a limit was hit and how long to wait (QuickBooks' 429 says no more). */
    public static RateLimitObservation limited(RateLimit problem, Duration retryAfter, Instant observedAt) {
        Instant resets = observedAt.plus(retryAfter);
        return new RateLimitObservation(problem == RateLimit.MINUTE ? 0 : null, problem == RateLimit.MINUTE ? resets : null,
                problem == RateLimit.DAY ? 0 : null, problem == RateLimit.DAY ? resets : null,
                problem == RateLimit.APP_MINUTE ? 0 : null, problem == RateLimit.APP_MINUTE ? resets : null, retryAfter, problem, observedAt);
    }
}
