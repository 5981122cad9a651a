package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;

class XeroLimitHeadersTest {

    private static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void everyResponseReportsWhatIsLeftAndTheLatestTheMinuteWindowsCanReset() {
        RateLimitObservation seen = XeroLimitHeaders.read(Map.of("X-MinLimit-Remaining", "57", "X-DayLimit-Remaining", "4990",
                "X-AppMinLimit-Remaining", "9990")::get, AT);

        assertThat(seen.minuteRemaining()).isEqualTo(57);
        assertThat(seen.minuteResetsAt()).as("fixed windows whose reset Xero does not send").isEqualTo(AT.plusSeconds(60));
        assertThat(seen.dayRemaining()).isEqualTo(4990);
        assertThat(seen.dayResetsAt()).as("unknown without a day 429").isNull();
        assertThat(seen.appMinuteRemaining()).isEqualTo(9990);
        assertThat(seen.appMinuteResetsAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(seen.problem()).isNull();
    }

    @Test
    void aDay429TellsWhenTheDayResetsByItsRetryAfter() {
        RateLimitObservation seen = XeroLimitHeaders.read(Map.of("X-DayLimit-Remaining", "0", "X-Rate-Limit-Problem", "day",
                "Retry-After", "7200")::get, AT);

        assertThat(seen.problem()).isEqualTo(RateLimit.DAY);
        assertThat(seen.retryAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(seen.dayResetsAt()).isEqualTo(AT.plus(Duration.ofHours(2)));
    }

    @Test
    void theLimitNamesXeroSendsAreReadAndAnUnknownOneIsWaitedOutAsTheMinute() {
        assertThat(XeroLimitHeaders.problem("minute")).isEqualTo(RateLimit.MINUTE);
        assertThat(XeroLimitHeaders.problem("Day")).isEqualTo(RateLimit.DAY);
        assertThat(XeroLimitHeaders.problem("appminute")).isEqualTo(RateLimit.APP_MINUTE);
        assertThat(XeroLimitHeaders.problem("concurrent")).isEqualTo(RateLimit.CONCURRENT);
        assertThat(XeroLimitHeaders.problem("hourly")).isEqualTo(RateLimit.MINUTE);
    }

    @Test
    void headersThatAreNotNumbersAreUnknownNotZero() {
        RateLimitObservation seen = XeroLimitHeaders.read(Map.of("X-MinLimit-Remaining", "lots")::get, AT);

        assertThat(seen.minuteRemaining()).isNull();
        assertThat(seen.minuteResetsAt()).isNull();
    }
}
