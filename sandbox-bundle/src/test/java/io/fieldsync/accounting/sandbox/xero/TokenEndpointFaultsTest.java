package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Xero identity's token endpoint failing the ways a real one does: outages, throttling, answers lost after the refresh. */
class TokenEndpointFaultsTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private Exchange refresh(String refreshToken) {
        XeroSandboxConfig c = xero.sandbox().config();
        String basic = Base64.getEncoder().encodeToString((c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8));
        return xero.api().to("POST", xero.sandbox().tokenUrl()).header("Authorization", "Basic " + basic)
                .form("grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)).send();
    }

    @Test
    void anOutageFailsTheNextRefreshesWithoutSpendingTheRefreshToken() {
        xero.sandbox().failTokenEndpoint(2, 503);

        Exchange first = refresh(xero.tokens().refreshToken());
        xero.sandbox().failTokenEndpoint(1, 500);
        Exchange second = refresh(xero.tokens().refreshToken());
        Exchange afterwards = refresh(xero.tokens().refreshToken());

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Content-Type")).as("a gateway's page, not an OAuth error").startsWith("text/html");
        assertThat(second.status()).isEqualTo(500);
        assertThat(second.json().get("error").asText()).isNotIn("invalid_grant", "invalid_client");
        assertThat(afterwards.status()).as("nothing was rotated by the failed requests").isEqualTo(200);
        xero.clock().advance(Duration.ofHours(1));
        assertThat(refresh(afterwards.json().get("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void aThrottledRefreshIs429WithRetryAfter() {
        xero.sandbox().throttleTokenEndpoint(1, Duration.ofSeconds(7));

        Exchange throttled = refresh(xero.tokens().refreshToken());

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        assertThat(refresh(xero.tokens().refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void aRefreshWhoseAnswerIsLostHasRotatedTheTokenAndTheOldOneWorksForThirtyMinutesOnly() {
        String spent = xero.tokens().refreshToken();
        xero.sandbox().dropTokenAnswers(1);

        assertThatThrownBy(() -> refresh(spent)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        xero.clock().advance(Duration.ofMinutes(29));
        Exchange retry = refresh(spent);
        assertThat(retry.status()).as("Xero's grace for a lost answer").isEqualTo(200);
        xero.clock().advance(Duration.ofMinutes(2));
        assertThat(refresh(spent).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh(retry.json().get("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void resettingFaultsEndsTokenEndpointFaultsToo() {
        xero.sandbox().failTokenEndpoint(5, 503);
        xero.sandbox().throttleTokenEndpoint(5, Duration.ofSeconds(1));
        xero.sandbox().dropTokenAnswers(5);

        xero.sandbox().resetFaults();

        assertThat(refresh(xero.tokens().refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void faultsOfTheTokenEndpointLeaveTheAccountingApiAlone() {
        xero.sandbox().failTokenEndpoint(1, 503);

        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
        assertThat(refresh(xero.tokens().refreshToken()).status()).isEqualTo(503);
    }
}
