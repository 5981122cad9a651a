package io.fieldsync.accounting.xero;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Xero's limit headers read into what the engine paces by. Every response carries {@code X-MinLimit-Remaining},
 * {@code X-DayLimit-Remaining} and {@code X-AppMinLimit-Remaining}; a 429 names the limit in {@code X-Rate-Limit-Problem}
 * and, for the minute and day limits, the wait in {@code Retry-After} (developer.xero.com/faq/limits; api-facts §5).
 *
 * <p>Xero's windows are fixed and reset at a different time per organisation, and no header says when. So a window's
 * reset is reported as the latest it can be: a minute window ends at most a minute after any response inside it. The
 * day's reset is only known from a day 429's Retry-After; otherwise it is left unknown and the engine keeps to its own
 * count of the declared daily budget.
 */
final class XeroLimitHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(XeroLimitHeaders.class);
    /** The longest a fixed minute window can still run after a response inside it. */
    static final Duration MINUTE_WINDOW = Duration.ofMinutes(1);

    private XeroLimitHeaders() {
    }

    /** What a response's headers ({@code header} gives one by name, or null) said about the limits at {@code at}. */
    static RateLimitObservation read(UnaryOperator<String> header, Instant at) {
        Integer minute = integer(header.apply("X-MinLimit-Remaining"));
        Integer day = integer(header.apply("X-DayLimit-Remaining"));
        Integer app = integer(header.apply("X-AppMinLimit-Remaining"));
        Integer retrySeconds = integer(header.apply("Retry-After"));
        Duration retryAfter = retrySeconds == null || retrySeconds < 0 ? null : Duration.ofSeconds(retrySeconds);
        String problemWords = header.apply("X-Rate-Limit-Problem");
        RateLimit problem = problemWords == null || problemWords.isBlank() ? null : problem(problemWords);
        Instant minuteReset = minute == null ? null : at.plus(MINUTE_WINDOW);
        Instant appReset = app == null ? null : at.plus(MINUTE_WINDOW);
        Instant dayReset = null;
        if (problem != null && retryAfter != null) {
            Instant resets = at.plus(retryAfter);
            switch (problem) {
                case MINUTE -> minuteReset = resets;
                case DAY -> dayReset = resets;
                case APP_MINUTE -> appReset = resets;
                case CONCURRENT -> {
                    // a concurrent-call 429 resets as calls finish; the Retry-After is the whole reset there is
                }
            }
        }
        return new RateLimitObservation(minute, minuteReset, day, dayReset, app, appReset, retryAfter, problem, at);
    }

    /** The limit a 429's {@code X-Rate-Limit-Problem} names; one Xero adds later is waited out as the minute. */
    static RateLimit problem(String words) {
        return switch (words.strip().toLowerCase(Locale.ROOT)) {
            case "minute" -> RateLimit.MINUTE;
            case "day", "daily" -> RateLimit.DAY;
            case "appminute", "app minute", "app-minute" -> RateLimit.APP_MINUTE;
            case "concurrent" -> RateLimit.CONCURRENT;
            default -> {
                LOG.warn("Xero named a limit this version does not know ({}); it is waited out as the minute limit", words);
                yield RateLimit.MINUTE;
            }
        };
    }

    private static Integer integer(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(header.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
