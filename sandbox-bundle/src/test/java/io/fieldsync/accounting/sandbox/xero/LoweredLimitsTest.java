package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The day and app-minute limits, lowered so that a test can reach them in a few calls. */
class LoweredLimitsTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture()
            .configure(c -> c.withLimits(XeroLimits.real().withTenantPerDay(5).withAppPerMinute(8)));

    @Test
    void theDayLimitIsNamedAndItsRetryAfterRunsToTheEndOfTheDayWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
            xero.clock().advance(Duration.ofMinutes(2));
        }

        Exchange refused = xero.api().get("/Organisation");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-Rate-Limit-Problem")).isEqualTo("day");
        assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(Duration.ofHours(24).minusMinutes(10).toSeconds()));
        assertThat(refused.header("X-DayLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void theAppMinuteLimitSpansTenants() {
        Organisation other = DemoOrganisation.create(xero.sandbox(), "Other Ltd");
        String token = xero.sandbox().connect(xero.org(), other).accessToken();
        for (int i = 0; i < 8; i++) {
            xero.actAs(token, i % 2 == 0 ? xero.org() : other);
            assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
        }
        xero.clock().advance(Duration.ofSeconds(15));

        Exchange refused = xero.api().get("/Organisation");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-Rate-Limit-Problem")).isEqualTo("appminute");
        assertThat(refused.header("Retry-After")).isEqualTo("45");
        assertThat(refused.header("X-AppMinLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-MinLimit-Remaining")).as("this tenant made only four calls").isEqualTo("56");
    }
}
