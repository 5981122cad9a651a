package io.fieldsync.accounting.quickbooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.ProviderAuthorization;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.quickbooks.wire.TokenResponse;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intuit's OAuth 2.0 authorisation-code flow (api-facts §1.2): the consent URL, the code exchange (the realm
 * arrives beside the code; one authorisation reaches one company), refresh with rotating refresh tokens and
 * the 5-year hard expiry, and revocation.
 */
final class QboAuthorization implements ProviderAuthorization {

    private static final Logger LOG = LoggerFactory.getLogger(QboAuthorization.class);
    /** Access tokens live an hour; used when an answer leaves out expires_in. */
    private static final Duration ACCESS_TOKEN_LIFE = Duration.ofHours(1);
    /** Refresh tokens roll over 100 days from each use. */
    private static final Duration REFRESH_TOKEN_LIFE = Duration.ofDays(100);

    private final QuickBooksSettings settings;
    private final QuickBooksHttp http;
    private final Clock clock;

    QboAuthorization(QuickBooksSettings settings, QuickBooksHttp http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /** The consent page for the admin's browser. */
    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        String state = request.state();
        settings.requireApp();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", settings.clientId());
        query.put("response_type", "code");
        query.put("scope", settings.scopes());
        query.put("redirect_uri", settings.redirectUri());
        query.put("state", state);
        return URI.create(settings.authorizeUrl() + "?" + QuickBooksApi.form(query));
    }

    /** Exchanges the callback's code for tokens; the organisation is the callback's realm, named by its CompanyInfo. */
    @Override
    public AuthorizationGrant exchangeCode(Map<String, String> callback) {
        String code = callback.get("code");
        String realmId = callback.get("realmId");
        if (code == null || code.isBlank() || realmId == null || realmId.isBlank()) {
            throw new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED,
                    "QuickBooks' callback carried no authorisation code or company (realmId); connect again.", callback.get("error")));
        }
        TokenSet tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", settings.redirectUri()));
        return new AuthorizationGrant(tokens, List.of(new Organisation(realmId, companyName(realmId, tokens.accessToken()))));
    }

    /** New tokens; Intuit may rotate the refresh token on any refresh, so the answer's is the one to keep. */
    @Override
    public TokenSet refresh(TokenSet current) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", current.refreshToken()));
    }

    /** Revokes the refresh token (and with it the access token); best effort, as the SPI asks. */
    @Override
    public void revoke(TokenSet tokens) {
        String body = QuickBooksApi.text(Map.of("token", tokens.refreshToken()));
        try (Response response = post(settings.revocationUrl(), Entity.entity(body, MediaType.APPLICATION_JSON_TYPE), false)) {
            if (response.getStatus() != 200) {
                LOG.info("QuickBooks answered {} to a token revocation; the tokens are dropped anyway", response.getStatus());
            }
        } catch (AccountingException unavailable) {
            LOG.info("QuickBooks' revocation endpoint was not reachable; the tokens are dropped anyway: {}", unavailable.getMessage());
        }
    }

    private String companyName(String realmId, String accessToken) {
        URI uri = URI.create(settings.companyUrl(realmId) + "/companyinfo/" + realmId + "?minorversion=" + settings.minorVersion());
        String body = QuickBooksHttp.withJerseyLoader(() -> {
            try (Response response = http.client().target(uri).request(MediaType.APPLICATION_JSON_TYPE)
                    .header("Authorization", "Bearer " + accessToken).get()) {
                String text = response.readEntity(String.class);
                if (response.getStatus() != 200) {
                    throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "QuickBooks' company information")
                            .withDetail(response.getStatus() + " " + text));
                }
                return text;
            } catch (ProcessingException e) {
                throw unavailable(e);
            }
        });
        try {
            JsonNode info = QuickBooksApi.JSON.readTree(body).path("CompanyInfo");
            String name = info.path("CompanyName").asText("");
            return name.isBlank() ? info.path("LegalName").asText(realmId) : name;
        } catch (JsonProcessingException e) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "QuickBooks' company information")
                    .withDetail("unreadable answer: " + e.getOriginalMessage()), e);
        }
    }

    /**
     * Tokens for a grant. A refusal is typed by {@link QboTokenReply#refusal}: only invalid_grant and invalid_client end
     * the connection. A refresh whose answer is lost (sent, no reply, a timeout) is passing too, though Intuit may already
     * have rotated the refresh token: the engine keeps the token it sent and refreshes with it again. Intuit only says
     * "always store the latest refresh_token" (api-facts §1.2); how long a superseded token stays usable is not
     * documented [U]. The sandbox keeps it usable until its successor is used once, so the retry recovers the
     * connection; should Intuit refuse it, that is invalid_grant and the admin must reconnect.
     */
    private TokenSet token(Map<String, String> grant) {
        // asks for x_refresh_token_hard_expires_in, the 5-year limit Intuit introduced in 2025 (api-facts §1.2)
        QboTokenReply reply = QuickBooksHttp.withJerseyLoader(() -> {
            try (Response response = post(settings.tokenUrl(), Entity.entity(QuickBooksApi.form(grant),
                    MediaType.APPLICATION_FORM_URLENCODED_TYPE), true)) {
                return new QboTokenReply(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "",
                        response.getHeaderString("Retry-After"), response.getHeaderString("intuit_tid"));
            } catch (ProcessingException lost) {
                throw QboTokenReply.unreachable(lost);
            }
        });
        if (reply.status() != 200) {
            throw reply.refusal();
        }
        TokenResponse token = read(reply.body());
        if (token.accessToken() == null || token.refreshToken() == null) {
            throw reply.refusal();
        }
        Instant now = clock.instant();
        Duration life = token.expiresIn() == null ? ACCESS_TOKEN_LIFE : Duration.ofSeconds(token.expiresIn());
        Instant refreshExpiry = now.plus(token.refreshTokenExpiresIn() == null ? REFRESH_TOKEN_LIFE
                : Duration.ofSeconds(token.refreshTokenExpiresIn()));
        if (token.refreshTokenHardExpiresIn() != null) {
            Instant hard = now.plusSeconds(token.refreshTokenHardExpiresIn());
            refreshExpiry = hard.isBefore(refreshExpiry) ? hard : refreshExpiry;
        }
        return new TokenSet(token.accessToken(), token.refreshToken(), now.plus(life), refreshExpiry);
    }

    private Response post(String url, Entity<String> entity, boolean hardExpiry) {
        settings.requireApp();
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return QuickBooksHttp.withJerseyLoader(() -> {
            try {
                var request = http.client().target(url).request(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", "Basic " + basic);
                if (hardExpiry) {
                    request.header("x-include-refresh-token-hard-expires-in", "true");
                }
                return request.post(entity);
            } catch (ProcessingException e) {
                throw unavailable(e);
            }
        });
    }

    private static TokenResponse read(String body) {
        try {
            return QuickBooksApi.JSON.readValue(body == null || body.isBlank() ? "{}" : body, TokenResponse.class);
        } catch (JsonProcessingException e) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Intuit's token service")
                    .withDetail("unreadable answer: " + e.getOriginalMessage()), e);
        }
    }

    private static AccountingException unavailable(ProcessingException e) {
        return QboTokenReply.unreachable(e);
    }
}
