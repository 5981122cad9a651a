package io.fieldsync.accounting.sandbox.qbo.identity;

import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intuit's token rules (reference/api-facts.md §1.2): one grant per app and company (realm); authorization codes are
 * single-use; access tokens live 3,600 s; refresh tokens roll (8,726,400 s from their issue) and rotate on every use.
 * The refresh token just used stays valid until its successor is used once, so a client that lost a refresh response
 * can retry with the old one (Intuit: "always store the latest refresh_token"; the exact overlap is not documented
 * [U]). Revoking any token of a grant ends the grant. All times on the sandbox clock.
 */
public final class QboTokenService {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final QboSandboxConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Refresh> refreshTokens = new HashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();

    /** One app's authorisation for one company; ends by revocation. */
    static final class Grant {
        final String clientId;
        final String realmId;
        volatile boolean revoked;

        Grant(String clientId, String realmId) {
            this.clientId = clientId;
            this.realmId = realmId;
        }
    }

    record Code(String clientId, String redirectUri, String realmId, Instant expiresAt) {
    }

    /** An access token as the API checks it. */
    public record Access(String value, String realmId, Instant expiresAt, Grant grant) {
        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        public boolean revoked() {
            return grant.revoked;
        }

        public String clientId() {
            return grant.clientId;
        }
    }

    private static final class Refresh {
        final Grant grant;
        final Instant expiresAt;
        boolean used;
        Refresh successor;

        Refresh(Grant grant, Instant expiresAt) {
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    /** Either tokens or an OAuth error ({@code invalid_grant}). */
    public record Result(QboTokens tokens, String error) {
    }

    public QboTokenService(QboSandboxConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    synchronized String issueCode(String clientId, String redirectUri, String realmId) {
        String value = "AB" + randomToken(24);
        codes.put(value, new Code(clientId, redirectUri, realmId, clock.instant().plus(config.authorizationCodeLifetime())));
        return value;
    }

    synchronized Result redeemCode(String clientId, String code, String redirectUri) {
        Code c = codes.remove(code); // single use, even when the rest fails
        if (c == null || !c.clientId().equals(clientId) || !clock.instant().isBefore(c.expiresAt())
                || (redirectUri != null && !c.redirectUri().equals(redirectUri))) {
            return new Result(null, "invalid_grant");
        }
        return new Result(issue(new Grant(clientId, c.realmId())), null);
    }

    synchronized Result refresh(String clientId, String value) {
        Refresh token = refreshTokens.get(value);
        if (token == null || token.grant.revoked || !token.grant.clientId.equals(clientId)
                || !clock.instant().isBefore(token.expiresAt)
                || (token.successor != null && token.successor.used)) {
            return new Result(null, "invalid_grant");
        }
        token.used = true;
        if (token.successor != null) {
            refreshTokens.values().remove(token.successor); // only the newest successor of a token stays valid
        }
        QboTokens next = issue(token.grant);
        token.successor = refreshTokens.get(next.refreshToken());
        return new Result(next, null);
    }

    /** A new grant for the company, as a consent plus code exchange would give (the seeding shortcut). */
    public synchronized QboTokens connect(String clientId, String realmId) {
        return issue(new Grant(clientId, realmId));
    }

    /** Revokes the grant the token (refresh or access) belongs to; false when the token is unknown. */
    synchronized boolean revoke(String clientId, String value) {
        Refresh refresh = refreshTokens.get(value);
        Access access = accessTokens.get(value);
        Grant grant = refresh != null ? refresh.grant : access != null ? access.grant() : null;
        if (grant == null || !grant.clientId.equals(clientId)) {
            return false;
        }
        grant.revoked = true;
        return true;
    }

    /** Every access token issued so far expires at {@code now} (a fault; refresh tokens and grants are untouched). */
    public void expireAccessTokens(Instant now) {
        accessTokens.replaceAll((value, token) -> token.expiredAt(now) ? token
                : new Access(token.value(), token.realmId(), now, token.grant()));
    }

    /** Every grant ends (the user disconnected the app). */
    public synchronized void revokeEverything() {
        refreshTokens.values().forEach(t -> t.grant.revoked = true);
        accessTokens.values().forEach(t -> t.grant().revoked = true);
    }

    public Optional<Access> access(String value) {
        return Optional.ofNullable(accessTokens.get(value));
    }

    /** Whether the app holds a live grant for the company (a consent prefers companies not yet connected). */
    synchronized boolean hasLiveGrant(String clientId, String realmId) {
        return refreshTokens.values().stream().anyMatch(t -> !t.grant.revoked && t.grant.clientId.equals(clientId)
                && t.grant.realmId.equals(realmId));
    }

    private QboTokens issue(Grant grant) {
        Instant now = clock.instant();
        // Intuit's access tokens are opaque to clients; these are random, with the same "eyJ" look.
        String access = "eyJ" + randomToken(48);
        accessTokens.put(access, new Access(access, grant.realmId, now.plus(config.accessTokenLifetime()), grant));
        String refresh = "AB11" + randomToken(36);
        refreshTokens.put(refresh, new Refresh(grant, now.plus(config.refreshTokenLifetime())));
        return new QboTokens(access, refresh, config.accessTokenLifetime().toSeconds(), grant.realmId);
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }
}
