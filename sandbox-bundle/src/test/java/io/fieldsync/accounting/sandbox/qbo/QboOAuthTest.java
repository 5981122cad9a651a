package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class QboOAuthTest {

    private static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void theCodeFlowRedirectsWithCodeStateAndRealmIdAndTheCodeBuysTokensForThatCompany() {
        SandboxRealm second = fx.sandbox().seedDemoCompany("Second Co");

        Exchange consent = fx.api().to("GET", fx.sandbox().authorizeUrl() + "?client_id=" + fx.sandbox().clientId()
                + "&response_type=code&scope=com.intuit.quickbooks.accounting&state=s%201&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)).send();

        assertThat(consent.status()).isEqualTo(302);
        URI location = URI.create(consent.header("Location"));
        assertThat(location.toString()).startsWith(REDIRECT + "?code=").contains("&state=s+1")
                .endsWith("&realmId=" + second.realmId());
        String code = location.getQuery().replaceAll(".*code=([^&]+).*", "$1");

        Exchange tokens = token("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        assertThat(tokens.status()).isEqualTo(200);
        JsonNode body = tokens.json();
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("x_refresh_token_expires_in").asLong()).isEqualTo(8_726_400);

        fx.useToken(body.get("access_token").asText());
        Exchange info = fx.api().to("GET", fx.sandbox().apiUrl() + "/v3/company/" + second.realmId()
                + "/companyinfo/" + second.realmId() + "?minorversion=75")
                .header("Authorization", "Bearer " + body.get("access_token").asText()).send();
        assertThat(info.json().get("CompanyInfo").get("CompanyName").asText()).isEqualTo("Second Co");
        assertThat(token("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)).json().get("error").asText())
                .as("a code is single-use").isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshRotatesTheTokenAndTheOldOneDiesOnceTheNewOneWasUsed() {
        String first = fx.tokens().refreshToken();
        Exchange r1 = token("grant_type=refresh_token&refresh_token=" + first);
        String second = r1.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);

        Exchange retryWithOld = token("grant_type=refresh_token&refresh_token=" + first);
        assertThat(retryWithOld.status()).as("a lost refresh answer can be retried").isEqualTo(200);
        String third = retryWithOld.json().get("refresh_token").asText();
        assertThat(token("grant_type=refresh_token&refresh_token=" + third).status()).isEqualTo(200);

        assertThat(token("grant_type=refresh_token&refresh_token=" + first).json().get("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(token("grant_type=refresh_token&refresh_token=" + second).status())
                .as("superseded by the retry").isEqualTo(400);
    }

    @Test
    void anExpiredAccessTokenGetsTheLowerCaseAuthenticationFault() {
        fx.clock().advance(Duration.ofSeconds(3600));

        Exchange x = fx.api().get("/invoice/1");

        assertThat(x.status()).isEqualTo(401);
        JsonNode error = x.json().get("fault").get("error").get(0);
        assertThat(error.get("code").asText()).isEqualTo("3200");
        assertThat(error.get("message").asText()).isEqualTo("message=AuthenticationFailed; errorCode=003200; statusCode=401");
        assertThat(error.get("detail").asText()).startsWith("Token expired: ");
        assertThat(x.json().get("fault").get("type").asText()).isEqualTo("AUTHENTICATION");
        assertThat(x.header("intuit_tid")).isNotBlank();
    }

    @Test
    void afterRevocationTheApiAnswers403AndTheRefreshTokenIsDead() {
        Exchange revoke = fx.api().to("POST", fx.sandbox().revocationUrl()).header("Authorization", basic())
                .json("{\"token\":\"" + fx.tokens().refreshToken() + "\"}").send();
        assertThat(revoke.status()).isEqualTo(200);

        Exchange x = fx.api().query("select * from Customer");
        assertThat(x.status()).isEqualTo(403);
        assertThat(x.json().get("Fault").get("type").asText()).isEqualTo("AuthorizationFault");
        assertThat(QboFixture.error(x).get("code").asText()).isEqualTo("3100");
        assertThat(token("grant_type=refresh_token&refresh_token=" + fx.tokens().refreshToken()).json()
                .get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revokeAccessFromTheControlApiAlsoEndsTheGrant() {
        fx.sandbox().revokeAccess();

        assertThat(fx.api().get("/customer/1").status()).isEqualTo(403);
    }

    @Test
    void aWrongSecretIsInvalidClientAndAnotherCompanysPathIs403() {
        Exchange wrong = fx.api().to("POST", fx.sandbox().tokenUrl())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (fx.sandbox().clientId() + ":nope").getBytes(StandardCharsets.UTF_8)))
                .form("grant_type=refresh_token&refresh_token=" + fx.tokens().refreshToken()).send();
        SandboxRealm other = fx.sandbox().seedDemoCompany("Other");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(fx.api().to("GET", fx.sandbox().apiUrl() + "/v3/company/" + other.realmId() + "/customer/1")
                .header("Authorization", "Bearer " + fx.tokens().accessToken()).send().status()).isEqualTo(403);
    }

    private Exchange token(String form) {
        return fx.api().to("POST", fx.sandbox().tokenUrl()).header("Authorization", basic())
                .header("Accept", "application/json").form(form).send();
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((fx.sandbox().clientId() + ":"
                + fx.sandbox().clientSecret()).getBytes(StandardCharsets.UTF_8));
    }
}
