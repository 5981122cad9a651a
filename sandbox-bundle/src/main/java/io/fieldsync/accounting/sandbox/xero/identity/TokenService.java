package io.fieldsync.accounting.sandbox.xero.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Xero identity's token rules (reference/api-facts.md §1.1): codes are single-use and live 5 minutes; access tokens
 * live 30 minutes; refresh tokens rotate on every use, the used one stays valid for a 30-minute grace and then gives
 * {@code invalid_grant}; unused refresh tokens die after 60 days; a refresh token is issued only with
 * {@code offline_access}. All times on the sandbox clock.
 */
public final class TokenService {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final XeroSandboxConfig config;
    private final Clock clock;
    private final Supplier<String> issuer;
    private final SecureRandom random = new SecureRandom();
    private final Jwt jwt = new Jwt(random);
    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

    /** Either tokens or an OAuth error code ({@code invalid_grant}, {@code invalid_client}, …). */
    public record Result(TokenSet tokens, String error) {
        static Result ok(TokenSet tokens) {
            return new Result(tokens, null);
        }

        static Result fail(String error) {
            return new Result(null, error);
        }
    }

    public TokenService(XeroSandboxConfig config, Clock clock, Supplier<String> issuer) {
        this.config = config;
        this.clock = clock;
        this.issuer = issuer;
    }

    synchronized String issueCode(String clientId, String redirectUri, String scope, String userId, UUID authEventId,
                                  String codeChallenge, String codeChallengeMethod) {
        String value = randomToken();
        codes.put(value, new AuthorizationCode(value, clientId, redirectUri, scope, userId, authEventId, codeChallenge,
                codeChallengeMethod, clock.instant().plus(config.authorizationCodeLifetime())));
        return value;
    }

    /** Whether the code exists and was issued with a PKCE challenge (a public client may then omit its secret). */
    synchronized boolean codeHasChallenge(String code) {
        AuthorizationCode c = codes.get(code);
        return c != null && c.codeChallenge() != null;
    }

    synchronized Result redeemCode(String clientId, String code, String redirectUri, String codeVerifier) {
        AuthorizationCode c = codes.remove(code); // single use, even when the rest fails
        if (c == null || !c.clientId().equals(clientId) || !clock.instant().isBefore(c.expiresAt())) {
            return Result.fail("invalid_grant");
        }
        if (c.redirectUri() != null && !c.redirectUri().equals(redirectUri)) {
            return Result.fail("invalid_grant");
        }
        if (c.codeChallenge() != null && !pkceMatches(c, codeVerifier)) {
            return Result.fail("invalid_grant");
        }
        return Result.ok(issue(c.clientId(), c.userId(), c.authEventId(), c.scope()));
    }

    synchronized Result refresh(String clientId, String value) {
        RefreshToken token = refreshTokens.get(value);
        Instant now = clock.instant();
        if (token == null || token.revoked || !token.clientId.equals(clientId)) {
            return Result.fail("invalid_grant");
        }
        if (!now.isBefore(token.lastUsed.plus(config.refreshTokenIdleLifetime()))) {
            return Result.fail("invalid_grant");
        }
        if (token.rotatedAt != null && !now.isBefore(token.rotatedAt.plus(config.refreshTokenGrace()))) {
            return Result.fail("invalid_grant");
        }
        if (token.rotatedAt == null) {
            token.rotatedAt = now;
        }
        token.lastUsed = now;
        return Result.ok(issue(token.clientId, token.userId, token.authEventId, token.scope));
    }

    /** Issues a fresh token set directly (the seeding shortcut behind {@code XeroSandbox.connect}). */
    public synchronized TokenSet issue(String clientId, String userId, UUID authEventId, String scope) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.accessTokenLifetime());
        String access = jwt.sign(accessClaims(clientId, userId, authEventId, scope, now, expires));
        accessTokens.put(access, new AccessToken(access, clientId, userId, authEventId, scope, expires));
        String refresh = null;
        if (hasScope(scope, "offline_access")) {
            refresh = randomToken();
            refreshTokens.put(refresh, new RefreshToken(refresh, clientId, userId, authEventId, scope, now));
        }
        String idToken = hasScope(scope, "openid") ? jwt.sign(idClaims(clientId, userId, now, expires)) : null;
        return new TokenSet(access, refresh, idToken, config.accessTokenLifetime().toSeconds(), scope);
    }

    public Optional<AccessToken> accessToken(String value) {
        return Optional.ofNullable(accessTokens.get(value));
    }

    /**
     * Revokes a refresh token and, as Xero does, every refresh token of the same user and app.
     *
     * @return the user whose grant ended, if the token was known
     */
    synchronized Optional<String> revoke(String clientId, String value) {
        RefreshToken token = refreshTokens.get(value);
        if (token == null || !token.clientId.equals(clientId)) {
            return Optional.empty();
        }
        refreshTokens.values().stream()
                .filter(t -> t.clientId.equals(clientId) && t.userId.equals(token.userId))
                .forEach(t -> t.revoked = true);
        return Optional.of(token.userId);
    }

    /** Every access token issued so far expires at {@code now} (a fault; refresh tokens are untouched). */
    public void expireAccessTokens(Instant now) {
        accessTokens.replaceAll((value, token) -> token.expiredAt(now) ? token : new AccessToken(token.value(), token.clientId(),
                token.userId(), token.authEventId(), token.scope(), now));
    }

    /** Ends every grant (the fault "the user revoked the app"). */
    public synchronized void revokeEverything() {
        refreshTokens.values().forEach(t -> t.revoked = true);
    }

    private ObjectNode accessClaims(String clientId, String userId, UUID authEventId, String scope, Instant now,
                                    Instant expires) {
        ObjectNode claims = SandboxJson.object();
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("iss", issuer.get());
        claims.put("aud", issuer.get() + "/resources");
        claims.put("client_id", clientId);
        claims.put("sub", userId);
        claims.put("auth_time", now.getEpochSecond());
        claims.put("xero_userid", userId);
        claims.put("global_session_id", UUID.randomUUID().toString());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("authentication_event_id", authEventId.toString());
        ArrayNode scopes = claims.putArray("scope");
        Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).forEach(scopes::add);
        return claims;
    }

    private ObjectNode idClaims(String clientId, String userId, Instant now, Instant expires) {
        ObjectNode claims = SandboxJson.object();
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("iss", issuer.get());
        claims.put("aud", clientId);
        claims.put("iat", now.getEpochSecond());
        claims.put("sub", userId);
        claims.put("auth_time", now.getEpochSecond());
        claims.put("xero_userid", userId);
        claims.put("preferred_username", "sandbox.user@fieldsync.example");
        claims.put("email", "sandbox.user@fieldsync.example");
        claims.put("given_name", "Sandbox");
        claims.put("family_name", "User");
        return claims;
    }

    private static boolean hasScope(String scope, String wanted) {
        return scope != null && Arrays.asList(scope.split(" ")).contains(wanted);
    }

    private static boolean pkceMatches(AuthorizationCode c, String verifier) {
        if (verifier == null) {
            return false;
        }
        if ("plain".equals(c.codeChallengeMethod())) {
            return verifier.equals(c.codeChallenge());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(digest).equals(c.codeChallenge());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}
