package io.fieldsync.accounting.sandbox.qbo.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.http.QueryString;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Intuit's OAuth 2.0 endpoints (reference/api-facts.md §1.2): authorize (appcenter.intuit.com/connect/oauth2: the
 * user consents at once and is sent back with {@code code}, {@code state} and {@code realmId}), token
 * (oauth.platform.intuit.com/oauth2/v1/tokens/bearer, client_secret_basic or _post) and revoke
 * (developer.api.intuit.com/v2/oauth2/tokens/revoke, Basic auth, JSON {@code {"token":…}}). The token endpoint
 * honours the token-endpoint faults of {@link FaultInjection}.
 */
public final class OAuthEndpoints {

    static final String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

    private final QboSandboxConfig config;
    private final QboTokenService tokens;
    private final Supplier<List<Company>> companies;
    private final FaultInjection faults;

    public OAuthEndpoints(QboSandboxConfig config, QboTokenService tokens, Supplier<List<Company>> companies,
                          FaultInjection faults) {
        this.faults = faults;
        this.config = config;
        this.tokens = tokens;
        this.companies = companies;
    }

    /**
     * The consent screen, answered yes at once. It connects the newest company the app is not yet connected to
     * (else the newest), as a user picking the company they just created would.
     */
    public ApiResponse authorize(HttpCall call) {
        QueryString q = call.query();
        String clientId = q.first("client_id").orElse("");
        String redirectUri = q.first("redirect_uri").orElse("");
        if (!clientId.equals(config.clientId())) {
            return ApiResponse.text(400, "text/plain; charset=utf-8", "invalid_client: unknown client_id");
        }
        if (redirectUri.isEmpty() || (!config.redirectUris().isEmpty() && !config.redirectUris().contains(redirectUri))) {
            return ApiResponse.text(400, "text/plain; charset=utf-8",
                    "The redirect_uri is not registered for this app: " + redirectUri);
        }
        StringBuilder back = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        String state = q.first("state").orElse(null);
        if (!"code".equals(q.first("response_type").orElse(""))) {
            return ApiResponse.redirect(back + "error=unsupported_response_type" + stateParam(state));
        }
        if (!List.of(q.first("scope").orElse("").split(" ")).contains(ACCOUNTING_SCOPE)) {
            return ApiResponse.redirect(back + "error=invalid_scope" + stateParam(state));
        }
        Optional<Company> company = chooseCompany(clientId);
        if (company.isEmpty()) {
            return ApiResponse.redirect(back + "error=access_denied" + stateParam(state));
        }
        String code = tokens.issueCode(clientId, redirectUri, company.get().realmId());
        return ApiResponse.redirect(back + "code=" + encode(code) + stateParam(state)
                + "&realmId=" + company.get().realmId());
    }

    /**
     * The token endpoint, answered on {@code call}, unless an injected fault answers instead: an outage or a 429 before
     * anything is done, or a dropped connection after the grant was carried out (a refresh token rotated whose
     * successor the client never sees; the old one stays usable until the successor is used, see QboTokenService).
     */
    public void token(HttpCall call) throws IOException {
        OptionalInt outage = faults.takeTokenEndpointOutage();
        if (outage.isPresent()) {
            call.respond(outage(outage.getAsInt()));
            return;
        }
        OptionalLong throttled = faults.takeTokenEndpointTooManyRequests();
        if (throttled.isPresent()) {
            // [U] Intuit documents no limit of its token endpoint (api-facts §5: OAuth calls are unmetered)
            call.respond(oauthError(429, "too_many_requests").withHeader("Retry-After", Long.toString(throttled.getAsLong())));
            return;
        }
        ApiResponse answer = grant(call);
        if (faults.takeTokenEndpointDrop()) {
            call.dropConnection();
            return;
        }
        call.respond(answer);
    }

    /**
     * [U] No sample of an outage of oauth.platform.intuit.com was found. A 503 comes as a gateway's HTML page; a 500
     * as an OAuth-shaped {@code server_error}, which names no grant.
     */
    private static ApiResponse outage(int status) {
        if (status == 503) {
            return ApiResponse.text(503, "text/html; charset=utf-8",
                    "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>");
        }
        return oauthError(status, "server_error");
    }

    private ApiResponse grant(HttpCall call) throws IOException {
        if (!call.method().equals("POST")) {
            return oauthError(405, "invalid_request");
        }
        QueryString form = QueryString.parse(new String(call.body(), StandardCharsets.UTF_8));
        Optional<String> clientId = authenticatedClient(call, form);
        if (clientId.isEmpty()) {
            return oauthError(401, "invalid_client");
        }
        String grantType = form.first("grant_type").orElse("");
        QboTokenService.Result result = switch (grantType) {
            case "authorization_code" -> tokens.redeemCode(clientId.get(), form.first("code").orElse(""),
                    form.first("redirect_uri").orElse(null));
            case "refresh_token" -> tokens.refresh(clientId.get(), form.first("refresh_token").orElse(""));
            default -> new QboTokenService.Result(null, "unsupported_grant_type");
        };
        if (result.error() != null) {
            return oauthError(400, result.error());
        }
        return ApiResponse.json(200, tokenBody(result.tokens(), config))
                .withHeader("Cache-Control", "no-store");
    }

    /** Revokes the grant of a refresh or access token; 200 either way, as RFC 7009 asks for unknown tokens. */
    public ApiResponse revoke(HttpCall call) throws IOException {
        if (!call.method().equals("POST")) {
            return oauthError(405, "invalid_request");
        }
        byte[] body = call.body();
        String token;
        String contentType = call.header("Content-Type").orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            token = QueryString.parse(new String(body, StandardCharsets.UTF_8)).first("token").orElse("");
        } else {
            JsonNode json = body.length == 0 ? SandboxJson.object() : SandboxJson.parse(body);
            token = json.path("token").asText("");
        }
        Optional<String> clientId = authenticatedClient(call, QueryString.parse(""));
        if (clientId.isEmpty()) {
            return oauthError(401, "invalid_client");
        }
        tokens.revoke(clientId.get(), token);
        return ApiResponse.empty(200);
    }

    /** The token endpoint's answer, also what {@code QboSandbox.connect} hands out. */
    public static ObjectNode tokenBody(QboTokens t, QboSandboxConfig config) {
        ObjectNode body = SandboxJson.object();
        body.put("token_type", "bearer");
        body.put("expires_in", t.expiresIn());
        body.put("refresh_token", t.refreshToken());
        body.put("x_refresh_token_expires_in", config.refreshTokenLifetime().toSeconds());
        body.put("access_token", t.accessToken());
        return body;
    }

    private Optional<Company> chooseCompany(String clientId) {
        List<Company> all = companies.get();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!tokens.hasLiveGrant(clientId, all.get(i).realmId())) {
                return Optional.of(all.get(i));
            }
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** client_secret_basic, or client_secret_post (client_id and client_secret in the form). */
    private Optional<String> authenticatedClient(HttpCall call, QueryString form) {
        String id = null;
        String secret = null;
        Optional<String> header = call.header("Authorization");
        if (header.isPresent() && header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    id = decoded.substring(0, colon);
                    secret = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        } else {
            id = form.first("client_id").orElse(null);
            secret = form.first("client_secret").orElse(null);
        }
        return config.clientId().equals(id) && config.clientSecret().equals(secret) ? Optional.of(id) : Optional.empty();
    }

    private static ApiResponse oauthError(int status, String error) {
        ObjectNode body = SandboxJson.object();
        body.put("error", error);
        return ApiResponse.json(status, body);
    }

    private static String stateParam(String state) {
        return state == null ? "" : "&state=" + encode(state);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
