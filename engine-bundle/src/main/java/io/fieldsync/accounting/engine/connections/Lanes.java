package io.fieldsync.accounting.engine.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.RateLimitObservation;

/**
 * One lane per connection (company and provider): what the accounting system last said about its
 * limits, and until when the lane must stay quiet. A lane that hit a limit pauses only itself; other
 * companies keep going.
 */
public final class Lanes {

    /** Where a lane stands. */
    public record Lane(Instant quietUntil, String limit, RateLimitObservation lastObservation) {
    }

    private static final Duration MINUTE_WINDOW = Duration.ofMinutes(1);

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Clock clock;

    public Lanes(Clock clock) {
        this.clock = clock;
    }

    /** Takes in what a response said about the limits. */
    public void observe(CompanyId company, String provider, RateLimitObservation observation) {
        Instant quietUntil = null;
        String limit = observation.problem();
        if (observation.retryAfter() != null) {
            quietUntil = observation.observedAt().plus(observation.retryAfter());
        } else if (isZero(observation.minuteRemaining())) {
            // Xero's minute windows are fixed but their reset time is not sent: a full minute is the safe wait
            quietUntil = observation.observedAt().plus(MINUTE_WINDOW);
            limit = limit == null ? "minute" : limit;
        }
        Lane before = lanes.get(key(company, provider));
        Instant keep = before == null ? null : before.quietUntil();
        if (keep != null && (quietUntil == null || keep.isAfter(quietUntil)) && keep.isAfter(clock.instant())) {
            quietUntil = keep;
            limit = before.limit();
        }
        lanes.put(key(company, provider), new Lane(quietUntil, limit, observation));
    }

    /** Makes the lane quiet for {@code wait} because {@code limit} was hit. */
    public void pause(CompanyId company, String provider, String limit, Duration wait) {
        Instant until = clock.instant().plus(wait);
        lanes.compute(key(company, provider), (key, lane) -> new Lane(until, limit, lane == null ? null : lane.lastObservation()));
    }

    /** Until when the lane must stay quiet, if it must. */
    public Optional<Lane> quiet(CompanyId company, String provider) {
        Lane lane = lanes.get(key(company, provider));
        if (lane == null || lane.quietUntil() == null || !lane.quietUntil().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(lane);
    }

    private static boolean isZero(Integer remaining) {
        return remaining != null && remaining <= 0;
    }

    private static String key(CompanyId company, String provider) {
        return company.value() + '\u001f' + provider;
    }
}
