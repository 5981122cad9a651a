package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitsTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    @Test
    void theSixtyFirstCallInAMinuteIsRefusedWithRetryAfterAndTheMinuteProblem() {
        for (int i = 1; i <= 60; i++) {
            assertThat(xero.api().get("/Organisation").status()).as("call %d", i).isEqualTo(200);
        }
        xero.clock().advance(Duration.ofSeconds(20));

        Exchange refused = xero.api().get("/Organisation");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-Rate-Limit-Problem")).isEqualTo("minute");
        assertThat(refused.header("Retry-After")).isEqualTo("40");
        assertThat(refused.header("X-MinLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-DayLimit-Remaining")).isEqualTo("4940");
    }

    @Test
    void everyResponseCarriesTheRemainingCallsAndTheyCountDown() {
        Exchange first = xero.api().get("/Organisation");
        Exchange second = xero.api().get("/Contacts");
        Exchange third = xero.api().put("/Contacts", "{\"Contacts\":[{\"Name\":\"x\"},{\"Name\":\"x\"}]}");

        assertThat(List.of(first, second, third)).extracting(x -> x.header("X-MinLimit-Remaining")).containsExactly("59", "58", "57");
        assertThat(List.of(first, second, third)).extracting(x -> x.header("X-DayLimit-Remaining")).containsExactly("4999", "4998", "4997");
        assertThat(List.of(first, second, third)).extracting(x -> x.header("X-AppMinLimit-Remaining")).containsExactly("9999", "9998", "9997");
        assertThat(third.status()).as("an error response is a call too").isEqualTo(400);
    }

    @Test
    void theSixthConcurrentCallIsRefusedWhileFiveAreInFlight() throws Exception {
        xero.sandbox().faults().latency(Duration.ofMillis(1500));
        List<CompletableFuture<Exchange>> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(xero.api().api("GET", "/Organisation").sendAsync());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (xero.sandbox().inFlight(xero.org()) < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        Exchange sixth = xero.api().get("/Organisation");

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.header("X-Rate-Limit-Problem")).isEqualTo("concurrent");
        for (CompletableFuture<Exchange> f : five) {
            assertThat(f.get().status()).isEqualTo(200);
        }
        xero.sandbox().faults().latency(Duration.ZERO);
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
    }

    @Test
    void aScaledClockOpensTheNextMinuteWindowInAFractionOfTheRealTime() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            xero.api().get("/Organisation");
        }
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(429);

        xero.clock().setSpeed(120); // two sandbox minutes per real second
        Thread.sleep(700);
        xero.clock().setSpeed(0);
        Exchange afterReset = xero.api().get("/Organisation");

        assertThat(afterReset.status()).isEqualTo(200);
        assertThat(afterReset.header("X-MinLimit-Remaining")).isEqualTo("59");
        assertThat(afterReset.header("X-DayLimit-Remaining")).isEqualTo("4939");
    }

    @Test
    void theWindowsArePerTenant() {
        Organisation other = DemoOrganisation.create(xero.sandbox(), "Other Ltd");
        String token = xero.sandbox().connect(xero.org(), other).accessToken();
        xero.actAs(token, xero.org());
        for (int i = 0; i < 60; i++) {
            xero.api().get("/Organisation");
        }

        Exchange sameTenant = xero.api().get("/Organisation");
        xero.actAs(token, other);
        Exchange otherTenant = xero.api().get("/Organisation");

        assertThat(sameTenant.status()).isEqualTo(429);
        assertThat(otherTenant.status()).isEqualTo(200);
        assertThat(otherTenant.header("X-MinLimit-Remaining")).isEqualTo("59");
        assertThat(otherTenant.header("X-AppMinLimit-Remaining")).as("60 + 1 granted calls of the app; the refused one took nothing").isEqualTo("9939");
    }
}
