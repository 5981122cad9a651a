package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenFaultsTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private Exchange refresh(String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((xero.sandbox().config().clientId() + ":"
                + xero.sandbox().config().clientSecret()).getBytes(StandardCharsets.UTF_8));
        return xero.api().to("POST", xero.sandbox().tokenUrl()).header("Authorization", "Basic " + basic)
                .form("grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)).send();
    }

    @Test
    void duringATokenEndpointOutageRefreshesAnswer503AndTheRefreshTokenIsNotUsedUp() {
        xero.sandbox().faults().tokenEndpointOutage(xero.clock().instant().plus(Duration.ofSeconds(30)));

        Exchange refused = refresh(xero.tokens().refreshToken());
        xero.clock().advance(Duration.ofSeconds(31));
        Exchange after = refresh(xero.tokens().refreshToken());

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(after.status()).as("the outage is over and the refresh token was never consumed").isEqualTo(200);
        assertThat(xero.sandbox().faults().injected().tokenEndpointRefusals()).isEqualTo(1);
    }

    @Test
    void theOutageLeavesTheAccountingApiAlone() {
        xero.sandbox().faults().tokenEndpointOutage(xero.clock().instant().plus(Duration.ofMinutes(5)));

        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
    }

    @Test
    void expiredAccessTokensAreRefusedWith401UntilTheClientRefreshes() {
        xero.sandbox().expireAccessTokens();

        Exchange expired = xero.api().get("/Organisation");
        Exchange refreshed = refresh(xero.tokens().refreshToken());
        xero.actAs(refreshed.json().get("access_token").asText(), xero.org());

        assertThat(expired.status()).isEqualTo(401);
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
    }
}
