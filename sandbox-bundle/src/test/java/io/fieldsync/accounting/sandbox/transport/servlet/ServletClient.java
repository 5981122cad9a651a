package io.fieldsync.accounting.sandbox.transport.servlet;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.ServletException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a sandbox servlet the way a container would, without a container: requests below {@code servletPath}, the
 * servlet's pattern without "/*". Speaks Xero's OAuth flow and API like a client would.
 */
public final class ServletClient {

    public static final String SCOPES = "openid offline_access accounting.transactions accounting.contacts accounting.settings";

    /** What a client holds after the authorization code flow. */
    public record Connected(String accessToken, String refreshToken, String tenantId, JsonNode tokenResponse) {
    }

    private final Servlet servlet;
    private final String servletPath;

    public ServletClient(Servlet servlet, String servletPath) {
        this.servlet = servlet;
        this.servletPath = servletPath;
    }

    public FakeRequest request(String method, String rawPath) {
        return FakeRequest.to(method, servletPath, rawPath);
    }

    public FakeResponse send(FakeRequest request) {
        FakeResponse response = new FakeResponse();
        try {
            servlet.service(request.servletRequest(), response.servletResponse());
        } catch (ServletException | IOException e) {
            throw new AssertionError("the servlet threw", e);
        }
        return response;
    }

    /** GET authorize (approved at once), then POST token with the code, then GET connections: the first tenant. */
    public Connected connect(String clientId, String clientSecret, String redirectUri) {
        FakeResponse authorize = send(request("GET", "/login/identity/connect/authorize").query(
                "response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri)
                        + "&scope=" + enc(SCOPES) + "&state=s-1"));
        assertThat(authorize.status()).as("authorize: %s", authorize).isEqualTo(302);
        String location = authorize.header("Location");
        assertThat(location).startsWith(redirectUri + "?code=");
        Map<String, String> params = params(location.substring(location.indexOf('?') + 1));
        assertThat(params).containsEntry("state", "s-1");

        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        FakeResponse token = send(request("POST", "/identity/connect/token")
                .header("Authorization", "Basic " + basic)
                .body("application/x-www-form-urlencoded", "grant_type=authorization_code&code=" + enc(params.get("code"))
                        + "&redirect_uri=" + enc(redirectUri)));
        assertThat(token.status()).as("token: %s", token).isEqualTo(200);
        JsonNode tokens = token.json();
        String accessToken = tokens.get("access_token").asText();

        FakeResponse connections = send(request("GET", "/connections").header("Authorization", "Bearer " + accessToken));
        assertThat(connections.status()).as("connections: %s", connections).isEqualTo(200);
        return new Connected(accessToken, tokens.get("refresh_token").asText(),
                connections.json().get(0).get("tenantId").asText(), tokens);
    }

    /** PUT /Invoices with one AUTHORISED sales invoice of 100.00 + GST for {@code contactName}, on account 200. */
    public FakeResponse putInvoice(Connected as, String contactName) {
        return send(request("PUT", "/api.xro/2.0/Invoices")
                .header("Authorization", "Bearer " + as.accessToken())
                .header("xero-tenant-id", as.tenantId())
                .header("Accept", "application/json")
                .body("application/json", """
                        {"Invoices":[{"Type":"ACCREC","Contact":{"Name":"%s"},"Date":"2026-03-02","DueDate":"2026-03-16",
                          "Status":"AUTHORISED","LineAmountTypes":"Exclusive",
                          "LineItems":[{"Description":"Service call-out","Quantity":1,"UnitAmount":100,"AccountCode":"200",
                                        "TaxType":"OUTPUT2"}]}]}""".formatted(contactName)));
    }

    /** The claims of a JWT (no signature check). */
    public static JsonNode claims(String jwt) {
        try {
            return io.fieldsync.accounting.sandbox.SandboxJson.parse(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
