package io.fieldsync.accounting.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one response said about the limits (Xero: {@code X-MinLimit-Remaining}, {@code X-DayLimit-Remaining},
 * {@code X-AppMinLimit-Remaining}, {@code Retry-After}, {@code X-Rate-Limit-Problem}). Unknown parts are null.
 *
 * @param minuteRemaining calls left this minute for the organisation
 * @param dayRemaining calls left today for the organisation
 * @param appMinuteRemaining calls left this minute for the whole app
 * @param retryAfter how long to wait, when a limit was hit
 * @param problem which limit was hit ({@code minute}, {@code day}, {@code appminute}, {@code concurrent}), or null
 * @param observedAt when the response arrived
 */
public record RateLimitObservation(Integer minuteRemaining, Integer dayRemaining, Integer appMinuteRemaining,
                                   Duration retryAfter, String problem, Instant observedAt) {

    /** Validates the parts. */
    public RateLimitObservation {
        Objects.requireNonNull(observedAt, "observed at");
    }
}
