package io.fieldsync.accounting.sandbox.xero.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.XeroPaths;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.http.QueryString;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * login.xero.com's authorize page and identity.xero.com's token and revocation endpoints. The authorize page
 * approves at once: the sandbox user consents to every organisation offered by {@code consent} and is redirected
 * back with a code. Client authentication is HTTP Basic ({@code client_id:client_secret}); a PKCE client may
 * redeem a code with {@code client_id} in the form and no secret. The token endpoint honours the token-endpoint
 * faults of {@link FaultInjection}.
 */
public final class IdentityEndpoints {

    private final XeroSandboxConfig config;
    private final TokenService tokens;
    private final Connections connections;
    private final Supplier<List<Organisation>> consent;
    private final Supplier<String> baseUrl;
    private final String userId;
    private final FaultInjection faults;

    public IdentityEndpoints(XeroSandboxConfig config, TokenService tokens, Connections connections,
                             Supplier<List<Organisation>> consent, Supplier<String> baseUrl, String userId,
                             FaultInjection faults) {
        this.faults = faults;
        this.config = config;
        this.tokens = tokens;
        this.connections = connections;
        this.consent = consent;
        this.baseUrl = baseUrl;
        this.userId = userId;
    }

    /** GET {login}/identity/connect/authorize → 302 to redirect_uri with code and state. */
    public ApiResponse authorize(HttpCall call) {
        QueryString q = call.query();
        String clientId = q.first("client_id").orElse("");
        String redirectUri = q.first("redirect_uri").orElse("");
        if (!clientId.equals(config.clientId()) || redirectUri.isEmpty()
                || !(config.redirectUris().isEmpty() || config.redirectUris().contains(redirectUri))) {
            return ApiResponse.text(400, "text/html; charset=utf-8",
                    "<html><body><h1>Sorry, something went wrong</h1><p>unauthorized_client</p></body></html>");
        }
        Optional<String> state = q.first("state");
        if (!"code".equals(q.first("response_type").orElse(""))) {
            return ApiResponse.redirect(redirectUri + separator(redirectUri) + "error=unsupported_response_type"
                    + state.map(s -> "&state=" + encode(s)).orElse(""));
        }
        String scope = q.first("scope").orElse("");
        UUID authEventId = UUID.randomUUID();
        for (Organisation org : consent.get()) {
            connections.connect(clientId, userId, org, authEventId);
        }
        String code = tokens.issueCode(clientId, redirectUri, scope, userId, authEventId,
                q.first("code_challenge").orElse(null), q.first("code_challenge_method").orElse("S256"));
        return ApiResponse.redirect(redirectUri + separator(redirectUri) + "code=" + encode(code)
                + "&scope=" + encode(scope)
                + state.map(s -> "&state=" + encode(s)).orElse("")
                + "&session_state=" + encode(UUID.randomUUID().toString()));
    }

    /**
     * POST {identity}/connect/token, answered on {@code call}, unless an injected fault answers instead: an outage or a
     * 429 before anything is done, or a dropped connection after the grant was carried out (a refresh token rotated
     * whose successor the client never sees; Xero lets the old one be used again for 30 minutes, see TokenService).
     */
    public void token(HttpCall call) throws IOException {
        OptionalInt outage = faults.takeTokenEndpointOutage();
        if (outage.isPresent()) {
            call.respond(outage(outage.getAsInt()));
            return;
        }
        OptionalLong throttled = faults.takeTokenEndpointTooManyRequests();
        if (throttled.isPresent()) {
            // [U] Xero documents no limit of its identity service; the answer mirrors the API's 429 (Retry-After)
            call.respond(XeroErrors.oauth(429, "too_many_requests").withHeader("Retry-After", Long.toString(throttled.getAsLong())));
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
     * [U] No sample of an identity-service outage was found. A 503 comes as a gateway's HTML page (what a load balancer
     * in front of a service that is down sends); a 500 as an OAuth-shaped {@code server_error}, which names no grant.
     */
    private static ApiResponse outage(int status) {
        if (status == 503) {
            return ApiResponse.text(503, "text/html; charset=utf-8",
                    "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily "
                            + "Unavailable</h1></body></html>");
        }
        return XeroErrors.oauth(status, "server_error");
    }

    /** The grant itself: authorization_code or refresh_token. */
    private ApiResponse grant(HttpCall call) throws IOException {
        if (!"POST".equals(call.method())) {
            return XeroErrors.oauth(400, "invalid_request");
        }
        QueryString form = QueryString.parse(new String(call.body(), StandardCharsets.UTF_8));
        String grantType = form.first("grant_type").orElse("");
        Optional<String> clientId = authenticatedClient(call, form, grantType);
        if (clientId.isEmpty()) {
            return XeroErrors.oauth(400, "invalid_client");
        }
        TokenService.Result result = switch (grantType) {
            case "authorization_code" -> tokens.redeemCode(clientId.get(), form.first("code").orElse(""),
                    form.first("redirect_uri").orElse(null), form.first("code_verifier").orElse(null));
            case "refresh_token" -> tokens.refresh(clientId.get(), form.first("refresh_token").orElse(""));
            default -> null;
        };
        if (result == null) {
            return XeroErrors.oauth(400, "unsupported_grant_type");
        }
        if (result.error() != null) {
            return XeroErrors.oauth(400, result.error());
        }
        return ApiResponse.json(200, tokenBody(result.tokens()))
                .withHeader("Cache-Control", "no-store")
                .withHeader("Pragma", "no-cache");
    }

    /** POST {identity}/connect/revocation with token=&lt;refresh token&gt; → 200, the user's connections end. */
    public ApiResponse revocation(HttpCall call) throws IOException {
        QueryString form = QueryString.parse(new String(call.body(), StandardCharsets.UTF_8));
        Optional<String> clientId = basicClient(call);
        if (clientId.isEmpty()) {
            return XeroErrors.oauth(400, "invalid_client");
        }
        tokens.revoke(clientId.get(), form.first("token").orElse(""))
                .ifPresent(user -> connections.removeAll(clientId.get(), user));
        return ApiResponse.empty(200);
    }

    /** GET {identity}/.well-known/openid-configuration, pointing at the sandbox's own URLs. */
    public ApiResponse discovery() {
        XeroPaths p = config.paths();
        String base = baseUrl.get();
        ObjectNode body = SandboxJson.object();
        body.put("issuer", base + p.identity());
        body.put("authorization_endpoint", base + p.authorize());
        body.put("token_endpoint", base + p.token());
        body.put("revocation_endpoint", base + p.revocation());
        body.putArray("response_types_supported").add("code");
        body.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic");
        body.putArray("code_challenge_methods_supported").add("plain").add("S256");
        return ApiResponse.json(200, body);
    }

    private Optional<String> authenticatedClient(HttpCall call, QueryString form, String grantType) {
        Optional<String> basic = basicClient(call);
        if (basic.isPresent()) {
            return basic;
        }
        // A PKCE client has no secret: it names itself in the form when it redeems its code.
        String formClient = form.first("client_id").orElse("");
        if ("authorization_code".equals(grantType) && formClient.equals(config.clientId())
                && tokens.codeHasChallenge(form.first("code").orElse(""))) {
            return Optional.of(formClient);
        }
        return Optional.empty();
    }

    private Optional<String> basicClient(HttpCall call) {
        Optional<String> header = call.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        return id.equals(config.clientId()) && secret.equals(config.clientSecret()) ? Optional.of(id) : Optional.empty();
    }

    static ObjectNode tokenBody(TokenSet t) {
        ObjectNode body = SandboxJson.object();
        if (t.idToken() != null) {
            body.put("id_token", t.idToken());
        }
        body.put("access_token", t.accessToken());
        body.put("expires_in", t.expiresIn());
        body.put("token_type", "Bearer");
        if (t.refreshToken() != null) {
            body.put("refresh_token", t.refreshToken());
        }
        body.put("scope", t.scope());
        return body;
    }

    private static String separator(String uri) {
        return uri.contains("?") ? "&" : "?";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
