package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class QboTokenFaultsTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    private Exchange refresh(String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((fx.sandbox().clientId() + ":" + fx.sandbox().clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return fx.api().to("POST", fx.sandbox().tokenUrl()).header("Authorization", "Basic " + basic)
                .header("Accept", "application/json").form("grant_type=refresh_token&refresh_token=" + refreshToken).send();
    }

    @Test
    void duringATokenEndpointOutageRefreshesAnswer503AndTheRefreshTokenIsNotUsedUp() {
        fx.sandbox().faults().tokenEndpointOutage(fx.clock().instant().plus(Duration.ofSeconds(30)));

        Exchange refused = refresh(fx.tokens().refreshToken());
        fx.clock().advance(Duration.ofSeconds(31));
        Exchange after = refresh(fx.tokens().refreshToken());

        assertThat(refused.status()).isEqualTo(503);
        assertThat(after.status()).as("the outage is over and the refresh token was never consumed").isEqualTo(200);
        assertThat(fx.sandbox().faults().injected().tokenEndpointRefusals()).isEqualTo(1);
    }

    @Test
    void expiredAccessTokensAreRefusedWith401UntilTheClientRefreshes() {
        fx.sandbox().expireAccessTokens();

        Exchange expired = fx.api().get("/customer/1");
        fx.useToken(refresh(fx.tokens().refreshToken()).json().get("access_token").asText());

        assertThat(expired.status()).isEqualTo(401);
        assertThat(fx.api().get("/customer/1").status()).isEqualTo(200);
    }
}
