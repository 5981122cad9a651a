package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Intuit's token endpoint failing the ways a real one does: outages, throttling, answers lost after the refresh. */
class QboTokenEndpointFaultsTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    private Exchange refresh(String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((fx.sandbox().clientId() + ":" + fx.sandbox().clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return fx.api().to("POST", fx.sandbox().tokenUrl()).header("Authorization", "Basic " + basic)
                .header("Accept", "application/json").form("grant_type=refresh_token&refresh_token=" + refreshToken).send();
    }

    @Test
    void anOutageFailsTheNextRefreshesWithoutSpendingTheRefreshToken() {
        fx.sandbox().failTokenEndpoint(1, 503);
        Exchange unavailable = refresh(fx.tokens().refreshToken());
        fx.sandbox().failTokenEndpoint(1, 500);
        Exchange broken = refresh(fx.tokens().refreshToken());

        Exchange afterwards = refresh(fx.tokens().refreshToken());

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Content-Type")).startsWith("text/html");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.json().get("error").asText()).isNotIn("invalid_grant", "invalid_client");
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(refresh(afterwards.json().get("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void aThrottledRefreshIs429WithRetryAfter() {
        fx.sandbox().throttleTokenEndpoint(1, Duration.ofSeconds(9));

        Exchange throttled = refresh(fx.tokens().refreshToken());

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("9");
        assertThat(refresh(fx.tokens().refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void aRefreshWhoseAnswerIsLostHasRotatedTheTokenButTheOldOneStillWorksUntilTheNewOneIsUsed() {
        String spent = fx.tokens().refreshToken();
        fx.sandbox().dropTokenAnswers(1);

        assertThatThrownBy(() -> refresh(spent)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        Exchange retry = refresh(spent);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(refresh(retry.json().get("refresh_token").asText()).status()).isEqualTo(200);
        assertThat(refresh(spent).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void resettingFaultsEndsTokenEndpointFaultsAndTheCompanyApiIsNeverAffected() {
        fx.sandbox().failTokenEndpoint(3, 503);
        assertThat(fx.api().get("/companyinfo/" + fx.realmId()).status()).isEqualTo(200);
        fx.sandbox().throttleTokenEndpoint(3, Duration.ofSeconds(1));
        fx.sandbox().dropTokenAnswers(3);

        fx.sandbox().resetFaults();

        assertThat(refresh(fx.tokens().refreshToken()).status()).isEqualTo(200);
    }
}
