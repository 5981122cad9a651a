package io.fieldsync.accounting.sandbox.xero;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link XeroSandbox} behaves. {@link #defaults()} is the real service's behaviour (token lifetimes, grace
 * periods, limits, idempotency retention) with one registered app; tests change single values with the withers.
 *
 * @param redirectUris the app's registered redirect URIs; empty accepts any (handy for tests)
 * @param host         the interface to bind, e.g. 127.0.0.1 (default) or 0.0.0.0
 * @param threads      request threads; must exceed the concurrency a test wants to provoke
 */
public record XeroSandboxConfig(
        String clientId,
        String clientSecret,
        String appName,
        List<String> redirectUris,
        XeroPaths paths,
        XeroLimits limits,
        Duration accessTokenLifetime,
        Duration refreshTokenGrace,
        Duration refreshTokenIdleLifetime,
        Duration authorizationCodeLifetime,
        Duration idempotencyRetention,
        String host,
        int threads) {

    public XeroSandboxConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(appName, "appName");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(host, "host");
        if (threads < 2) {
            throw new IllegalArgumentException("threads must be at least 2");
        }
    }

    /**
     * Xero's rules: access tokens live 30 minutes, a rotated refresh token stays usable for 30 minutes, an unused
     * refresh token dies after 60 days, an authorization code after 5 minutes, idempotency keys are kept 6 minutes
     * (reference/api-facts.md §1.1 and §6).
     */
    public static XeroSandboxConfig defaults() {
        return new XeroSandboxConfig("SANDBOXCLIENTID0000000000000000", "sandbox-client-secret", "FieldSync Sandbox",
                List.of(), XeroPaths.defaults(), XeroLimits.real(),
                Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofDays(60), Duration.ofMinutes(5),
                Duration.ofMinutes(6), "127.0.0.1", 32);
    }

    public XeroSandboxConfig withClient(String id, String secret) {
        return new XeroSandboxConfig(id, secret, appName, redirectUris, paths, limits, accessTokenLifetime,
                refreshTokenGrace, refreshTokenIdleLifetime, authorizationCodeLifetime, idempotencyRetention, host, threads);
    }

    public XeroSandboxConfig withRedirectUris(List<String> uris) {
        return new XeroSandboxConfig(clientId, clientSecret, appName, uris, paths, limits, accessTokenLifetime,
                refreshTokenGrace, refreshTokenIdleLifetime, authorizationCodeLifetime, idempotencyRetention, host, threads);
    }

    public XeroSandboxConfig withPaths(XeroPaths newPaths) {
        return new XeroSandboxConfig(clientId, clientSecret, appName, redirectUris, newPaths, limits, accessTokenLifetime,
                refreshTokenGrace, refreshTokenIdleLifetime, authorizationCodeLifetime, idempotencyRetention, host, threads);
    }

    public XeroSandboxConfig withLimits(XeroLimits newLimits) {
        return new XeroSandboxConfig(clientId, clientSecret, appName, redirectUris, paths, newLimits, accessTokenLifetime,
                refreshTokenGrace, refreshTokenIdleLifetime, authorizationCodeLifetime, idempotencyRetention, host, threads);
    }

    public XeroSandboxConfig withHost(String newHost) {
        return new XeroSandboxConfig(clientId, clientSecret, appName, redirectUris, paths, limits, accessTokenLifetime,
                refreshTokenGrace, refreshTokenIdleLifetime, authorizationCodeLifetime, idempotencyRetention, newHost, threads);
    }
}
