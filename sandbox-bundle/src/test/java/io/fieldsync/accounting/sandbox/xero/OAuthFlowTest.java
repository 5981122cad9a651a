package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthFlowTest {

    private static final String REDIRECT = "http://localhost:9999/xero/callback";

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private String basic() {
        XeroSandboxConfig c = xero.sandbox().config();
        return "Basic " + Base64.getEncoder().encodeToString((c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> authorize(String scope, String state) {
        String url = xero.sandbox().authorizeUrl() + "?response_type=code&client_id=" + xero.sandbox().config().clientId()
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc(scope) + "&state=" + enc(state);
        Exchange x = xero.api().to("GET", url).send();
        assertThat(x.status()).isEqualTo(302);
        String location = x.header("Location");
        assertThat(location).startsWith(REDIRECT + "?");
        return query(URI.create(location).getRawQuery());
    }

    private Exchange token(String form) {
        return xero.api().to("POST", xero.sandbox().tokenUrl()).header("Authorization", basic()).form(form).send();
    }

    private Exchange redeem(String code) {
        return token("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT));
    }

    private Exchange refresh(String refreshToken) {
        return token("grant_type=refresh_token&refresh_token=" + enc(refreshToken));
    }

    private Exchange connections(String accessToken) {
        return xero.api().to("GET", xero.sandbox().connectionsUrl()).header("Authorization", "Bearer " + accessToken).send();
    }

    @Test
    void theAuthorizePageApprovesAtOnceAndRedirectsBackWithACodeAndTheState() {
        Map<String, String> params = authorize("openid offline_access accounting.transactions", "xyz-123");

        assertThat(params.get("state")).isEqualTo("xyz-123");
        assertThat(params.get("code")).isNotBlank();
    }

    @Test
    void theCodeBuysTokensThatReadTheApiForTheConnectedTenant() throws IOException {
        String code = authorize("openid profile email accounting.transactions accounting.settings offline_access", "s").get("code");

        Exchange x = redeem(code);

        assertThat(x.status()).isEqualTo(200);
        JsonNode t = x.json();
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asLong()).isEqualTo(1800);
        assertThat(t.get("refresh_token").asText()).isNotBlank();
        assertThat(t.get("id_token").asText()).contains(".");
        JsonNode conns = connections(t.get("access_token").asText()).json();
        assertThat(conns).hasSize(1);
        assertThat(conns.get(0).get("tenantId").asText()).isEqualTo(xero.org().tenantId().toString());
        assertThat(conns.get(0).get("tenantType").asText()).isEqualTo("ORGANISATION");
        assertThat(conns.get(0).get("authEventId").asText()).isEqualTo(claims(t.get("access_token").asText()).get("authentication_event_id").asText());
        xero.actAs(t.get("access_token").asText(), xero.org());
        assertThat(xero.api().get("/Organisation").json().get("Organisations").get(0).get("Name").asText()).isEqualTo(DemoOrganisation.NAME);
    }

    @Test
    void aCodeCanBeRedeemedOnlyOnceAndOnlyWithTheRightSecret() {
        String code = authorize("offline_access accounting.transactions", "s").get("code");

        Exchange wrongSecret = xero.api().to("POST", xero.sandbox().tokenUrl())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("SANDBOXCLIENTID0000000000000000:nope".getBytes(StandardCharsets.UTF_8)))
                .form("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)).send();
        Exchange first = redeem(code);
        Exchange second = redeem(code);

        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshTokenIsIssuedOnlyWithOfflineAccess() {
        JsonNode t = redeem(authorize("accounting.transactions", "s").get("code")).json();

        assertThat(t.has("refresh_token")).isFalse();
        assertThat(t.get("access_token").asText()).isNotBlank();
    }

    @Test
    void refreshTokensRotateAndTheReplacedOneWorksForThirtyMinutesThenIsAnInvalidGrant() {
        String r0 = xero.tokens().refreshToken();

        JsonNode first = refresh(r0).json();
        String r1 = first.get("refresh_token").asText();
        assertThat(r1).isNotEqualTo(r0);
        xero.clock().advance(Duration.ofMinutes(29));
        Exchange retryWithinGrace = refresh(r0);
        assertThat(retryWithinGrace.status()).as("a lost response may be retried with the old token").isEqualTo(200);
        xero.clock().advance(Duration.ofMinutes(2));
        Exchange afterGrace = refresh(r0);
        Exchange withNewest = refresh(r1);

        assertThat(afterGrace.status()).isEqualTo(400);
        assertThat(afterGrace.json()).isEqualTo(SandboxJson.object().put("error", "invalid_grant"));
        assertThat(withNewest.status()).isEqualTo(200);
        assertThat(withNewest.json().get("refresh_token").asText()).isNotIn(r0, r1);
    }

    @Test
    void anAccessTokenExpiresAfterThirtyMinutesWithXerosTokenExpiredBody() {
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);

        xero.clock().advance(Duration.ofMinutes(30));
        Exchange expired = xero.api().get("/Organisation");

        assertThat(expired.status()).isEqualTo(401);
        JsonNode body = expired.json();
        assertThat(body.get("Type").isNull()).isTrue();
        assertThat(body.get("Title").asText()).isEqualTo("Unauthorized");
        assertThat(body.get("Status").asInt()).isEqualTo(401);
        assertThat(body.get("Detail").asText()).isEqualTo("TokenExpired: token expired at 03/02/2026 09:30:00");
        String fresh = refresh(xero.tokens().refreshToken()).json().get("access_token").asText();
        xero.actAs(fresh, xero.org());
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
    }

    @Test
    void revokingTheRefreshTokenEndsTheGrantAndDisconnectsEveryTenant() {
        Exchange revoked = xero.api().to("POST", xero.sandbox().revocationUrl()).header("Authorization", basic())
                .form("token=" + enc(xero.tokens().refreshToken())).send();

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.responseBody()).isEmpty();
        assertThat(refresh(xero.tokens().refreshToken()).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(connections(xero.tokens().accessToken()).json()).isEmpty();
        Exchange api = xero.api().get("/Organisation");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("Detail").asText()).isEqualTo("AuthenticationUnsuccessful");
    }

    @Test
    void deletingOneConnectionDisconnectsOnlyThatTenant() {
        Organisation second = DemoOrganisation.create(xero.sandbox(), "Second Company");
        String token = xero.sandbox().connect(xero.org(), second).accessToken();
        JsonNode conns = connections(token).json();
        assertThat(conns).hasSize(2);
        String secondConnection = conns.get(0).get("tenantId").asText().equals(second.tenantId().toString())
                ? conns.get(0).get("id").asText() : conns.get(1).get("id").asText();

        Exchange deleted = xero.api().to("DELETE", xero.sandbox().connectionsUrl() + "/" + secondConnection)
                .header("Authorization", "Bearer " + token).send();
        Exchange again = xero.api().to("DELETE", xero.sandbox().connectionsUrl() + "/" + secondConnection)
                .header("Authorization", "Bearer " + token).send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        xero.actAs(token, second);
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(403);
        xero.actAs(token, xero.org());
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
    }

    @Test
    void aLaterConsentToOneOrganisationGivesOnlyItTheNewAuthEventAndTheEarlierOneKeepsItsConnection() {
        String first = redeem(authorize("accounting.settings offline_access", "s1").get("code")).json().get("access_token").asText();
        var australian = AuDemoOrganisation.create(xero.sandbox());
        xero.sandbox().consentTo(australian);

        String second = redeem(authorize("accounting.settings offline_access", "s2").get("code")).json().get("access_token").asText();
        String eventId = claims(second).get("authentication_event_id").asText();
        Exchange justChosen = xero.api().to("GET", xero.sandbox().connectionsUrl() + "?authEventId=" + eventId)
                .header("Authorization", "Bearer " + second).send();

        assertThat(justChosen.json()).hasSize(1);
        assertThat(justChosen.json().get(0).get("tenantId").asText()).isEqualTo(australian.tenantId().toString());
        assertThat(connections(second).json()).hasSize(2);
        assertThat(claims(first).get("authentication_event_id").asText()).isNotEqualTo(eventId);
    }

    @Test
    void connectionsCanBeFilteredByTheAuthEventIdInTheAccessToken() {
        String eventId = claims(xero.tokens().accessToken()).get("authentication_event_id").asText();

        Exchange mine = xero.api().to("GET", xero.sandbox().connectionsUrl() + "?authEventId=" + eventId)
                .header("Authorization", "Bearer " + xero.tokens().accessToken()).send();
        Exchange other = xero.api().to("GET", xero.sandbox().connectionsUrl() + "?authEventId=00000000-0000-0000-0000-000000000000")
                .header("Authorization", "Bearer " + xero.tokens().accessToken()).send();

        assertThat(mine.json()).hasSize(1);
        assertThat(mine.json().get(0).get("createdDateUtc").asText()).matches("2026-03-02T09:00:00\\.\\d{7}");
        assertThat(other.json()).isEmpty();
    }

    @Test
    void aTenantTheTokenIsNotConnectedToIsForbiddenAndSoIsAMissingTenantHeader() {
        Organisation stranger = DemoOrganisation.create(xero.sandbox(), "Not Connected Ltd");

        Exchange missing = xero.api().api("GET", "/Organisation").without("xero-tenant-id").offContract().send();
        xero.actAs(xero.tokens().accessToken(), stranger);
        Exchange wrong = xero.api().get("/Organisation");

        for (Exchange x : new Exchange[] {missing, wrong}) {
            assertThat(x.status()).isEqualTo(403);
            assertThat(x.json().get("Title").asText()).isEqualTo("Forbidden");
            assertThat(x.json().get("Detail").asText()).isEqualTo("AuthenticationUnsuccessful");
        }
    }

    @Test
    void aTokenReachesOnlyTheCollectionsItsScopesCoverAndReadScopesOnlyRead() {
        String contactsOnly = xero.sandbox().connect("offline_access accounting.contacts.read", xero.org()).accessToken();
        String granular = xero.sandbox().connect("offline_access accounting.invoices accounting.payments accounting.contacts",
                xero.org()).accessToken();

        xero.actAs(contactsOnly, xero.org());
        Exchange contacts = xero.api().get("/Contacts");
        Exchange invoices = xero.api().get("/Invoices");
        Exchange write = xero.api().put("/Contacts", "{\"Contacts\":[{\"Name\":\"New One\"}]}");
        xero.actAs(granular, xero.org());
        Exchange withGranular = xero.api().get("/Invoices");

        assertThat(contacts.status()).isEqualTo(200);
        assertThat(invoices.status()).isEqualTo(403);
        assertThat(write.status()).isEqualTo(403);
        assertThat(withGranular.status()).as("granular scopes from March 2026 work too").isEqualTo(200);
    }

    private static JsonNode claims(String jwt) {
        try {
            return SandboxJson.parse(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
