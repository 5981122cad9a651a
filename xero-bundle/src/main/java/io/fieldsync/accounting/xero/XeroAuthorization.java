package io.fieldsync.accounting.xero;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.ProviderAuthorization;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.xero.wire.TokenResponse;
import io.fieldsync.accounting.xero.wire.XeroConnection;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Xero's OAuth 2.0 authorisation-code flow: the consent URL, the code exchange, the organisations
 * the tokens reach ({@code GET /connections}), refresh (rotating refresh tokens) and revocation.
 */
final class XeroAuthorization implements ProviderAuthorization {

    /** Xero access tokens live 30 minutes; used when a response leaves out expires_in. */
    private static final Duration ACCESS_TOKEN_LIFE = Duration.ofMinutes(30);
    /** Unused refresh tokens expire after 60 days. */
    private static final Duration REFRESH_TOKEN_LIFE = Duration.ofDays(60);
    private static final TypeReference<List<XeroConnection>> CONNECTIONS = new TypeReference<>() {
    };

    private final XeroSettings settings;
    private final XeroHttp http;
    private final ObjectMapper json;
    private final Clock clock;

    XeroAuthorization(XeroSettings settings, XeroHttp http, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** The consent page for the admin's browser. */
    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        String state = request.state();
        settings.requireApp();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", settings.redirectUri());
        query.put("scope", settings.scopes());
        query.put("state", state);
        return URI.create(settings.authorizeUrl() + "?" + form(query));
    }

    /** Exchanges the callback's code for tokens and lists the organisations they reach. */
    @Override
    public AuthorizationGrant exchangeCode(Map<String, String> callback) {
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED,
                    "Xero's callback carried no authorisation code; connect again.", callback.get("error")));
        }
        TokenSet tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", settings.redirectUri()));
        return new AuthorizationGrant(tokens, organisations(tokens.accessToken()));
    }

    /** New tokens; Xero rotates the refresh token on every use. */
    @Override
    public TokenSet refresh(TokenSet current) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", current.refreshToken()));
    }

    /** Revokes the refresh token (and with it every connection of that authorisation). */
    @Override
    public void revoke(TokenSet tokens) {
        post("/connect/revocation", Map.of("token", tokens.refreshToken())).close();
    }

    /**
     * The organisations this consent authorised: {@code GET /connections?authEventId=} with the access token's
     * {@code authentication_event_id} claim (Xero identity OpenAPI, /Connections). Without the filter Xero lists every
     * organisation the same user ever connected to the app, and the picker would offer books the admin did not just
     * choose. A token without the claim (not a JWT) is answered with the whole list.
     */
    private List<Organisation> organisations(String accessToken) {
        Connections listed = connections(accessToken, authEventId(accessToken).orElse(null));
        if (listed.status() != 200) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero's connections endpoint")
                    .withDetail(listed.status() + " " + listed.body()));
        }
        return read(listed.body(), CONNECTIONS).stream()
                .filter(connection -> connection.tenantType() == null || "ORGANISATION".equals(connection.tenantType()))
                .map(connection -> new Organisation(connection.tenantId(), connection.tenantName()))
                .toList();
    }

    /**
     * Ends the connection to {@code tenantId} only: {@code DELETE /connections/{id}} (Xero identity OpenAPI), because
     * revoking the refresh token "revokes all of that user's tenant connections for the app" (reference/api-facts.md
     * §1). The refresh token is revoked when no connection of the grant is left, or when there is no organisation to
     * name. An expired access token is refreshed first (the rotated tokens are not kept: the connection is ending).
     */
    @Override
    public void disconnect(TokenSet tokens, String tenantId) {
        if (tenantId == null) {
            revoke(tokens);
            return;
        }
        TokenSet current = tokens;
        Connections listed = connections(current.accessToken(), null);
        if (listed.status() == 401) {
            current = refresh(current);
            listed = connections(current.accessToken(), null);
        }
        if (listed.status() != 200) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero's connections endpoint")
                    .withDetail(listed.status() + " " + listed.body()));
        }
        List<XeroConnection> all = read(listed.body(), CONNECTIONS);
        String token = current.accessToken();
        all.stream().filter(connection -> tenantId.equals(connection.tenantId())).forEach(connection -> delete(token, connection.id()));
        if (all.stream().allMatch(connection -> tenantId.equals(connection.tenantId()))) {
            revoke(current);
        }
    }

    private record Connections(int status, String body) {
    }

    private Connections connections(String accessToken, String authEventId) {
        String filter = authEventId == null ? "" : "?authEventId=" + encode(authEventId);
        return XeroHttp.withJerseyLoader(() -> {
            try (Response response = http.client().target(settings.apiUrl() + "/connections" + filter)
                    .request(MediaType.APPLICATION_JSON_TYPE).header("Authorization", "Bearer " + accessToken).get()) {
                return new Connections(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
            } catch (ProcessingException e) {
                throw unavailable(e);
            }
        });
    }

    private void delete(String accessToken, String connectionId) {
        XeroHttp.withJerseyLoader(() -> {
            try (Response response = http.client().target(settings.apiUrl() + "/connections/" + encode(connectionId))
                    .request(MediaType.APPLICATION_JSON_TYPE).header("Authorization", "Bearer " + accessToken).delete()) {
                if (response.getStatus() != 204 && response.getStatus() != 404) {
                    throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero's connections endpoint")
                            .withDetail(response.getStatus() + " on DELETE /connections/{id}"));
                }
                return null;
            } catch (ProcessingException e) {
                throw unavailable(e);
            }
        });
    }

    /**
     * Tokens for a grant. A refusal is typed by {@link XeroTokenReply#refusal}: only invalid_grant and invalid_client
     * end the connection. A refresh whose answer is lost (sent, no reply, a timeout) is passing too, though Xero may
     * already have rotated the refresh token: Xero accepts the previous refresh token again for 30 minutes "if, for
     * whatever reason, you don't receive the response" (Xero's reply in community thread 105714701; X-FAQ-OAUTH), so the
     * engine keeps the token it sent and the next refresh within that grace recovers the connection. Past the grace
     * that token is invalid_grant and the admin must reconnect.
     */
    private TokenSet token(Map<String, String> grant) {
        XeroTokenReply reply = XeroHttp.withJerseyLoader(() -> {
            try (Response response = post("/connect/token", grant)) {
                return new XeroTokenReply(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "",
                        response.getHeaderString("Retry-After"), response.getHeaderString("X-Rate-Limit-Problem"));
            } catch (ProcessingException lost) {
                throw XeroTokenReply.unreachable(lost);
            }
        });
        if (reply.status() != 200) {
            throw reply.refusal(json);
        }
        TokenResponse token = read(reply.body(), new TypeReference<>() {
        });
        if (token.accessToken() == null || token.refreshToken() == null) {
            throw reply.refusal(json);
        }
        Duration life = token.expiresIn() == null ? ACCESS_TOKEN_LIFE : Duration.ofSeconds(token.expiresIn());
        return new TokenSet(token.accessToken(), token.refreshToken(), clock.instant().plus(life),
                clock.instant().plus(REFRESH_TOKEN_LIFE));
    }

    private Response post(String path, Map<String, String> form) {
        settings.requireApp();
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return XeroHttp.withJerseyLoader(() -> {
            try {
                return http.client().target(settings.identityUrl() + path).request(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", "Basic " + basic)
                        .post(Entity.entity(form(form), MediaType.APPLICATION_FORM_URLENCODED_TYPE));
            } catch (ProcessingException e) {
                throw XeroTokenReply.unreachable(e);
            }
        });
    }

    private <T> T read(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero's identity service")
                    .withDetail("unreadable answer: " + e.getOriginalMessage()), e);
        }
    }

    /** The token's authentication_event_id; the token is Xero's own answer over TLS, so its payload is read, not verified. */
    private Optional<String> authEventId(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return Optional.ofNullable(claims.path("authentication_event_id").textValue()).filter(id -> !id.isBlank());
        } catch (IllegalArgumentException | java.io.IOException unreadable) {
            return Optional.empty();
        }
    }

    private static AccountingException unavailable(ProcessingException e) {
        return XeroTokenReply.unreachable(e);
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
