package io.fieldsync.accounting.sandbox.qbo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link QboSandbox} behaves. {@link #defaults()} is the real service's behaviour (token lifetimes, limits) with
 * one registered app; tests change single values with the withers.
 *
 * @param verifierToken       the app's webhook verifier token (signs {@code intuit-signature})
 * @param redirectUris        the app's registered redirect URIs; empty accepts any (handy for tests)
 * @param requestIdRetention  how long a {@code requestid} is remembered; Intuit does not document it [U]
 * @param webhookCoalescing   how long (real time) changes are gathered into one delivery
 * @param host                the interface to bind, e.g. 127.0.0.1 (default) or 0.0.0.0
 * @param threads             request threads; must exceed the concurrency a test wants to provoke
 */
public record QboSandboxConfig(
        String clientId,
        String clientSecret,
        String verifierToken,
        List<String> redirectUris,
        QboLimits limits,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Duration authorizationCodeLifetime,
        Duration requestIdRetention,
        Duration webhookCoalescing,
        String host,
        int threads) {

    public static final String DEMO_CLIENT_ID = "fieldsync-qbo-demo-client";
    public static final String DEMO_CLIENT_SECRET = "qbo-sandbox-secret-not-a-real-one";
    public static final String DEMO_VERIFIER_TOKEN = "ZmllbGRzeW5jLXFiby1kZW1vLXZlcmlmaWVyOiBzYW5kYm94IG9ubHk=";

    public QboSandboxConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(verifierToken, "verifierToken");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(host, "host");
        if (threads < 2) {
            throw new IllegalArgumentException("threads must be at least 2");
        }
    }

    /**
     * Intuit's rules: access tokens live 3,600 s, refresh tokens 8,726,400 s (x_refresh_token_expires_in, rolling on
     * every use), authorization codes 5 minutes [U] (reference/api-facts.md §1.2). Request ids are kept 24 hours [U].
     */
    public static QboSandboxConfig defaults() {
        return new QboSandboxConfig(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_VERIFIER_TOKEN, List.of(),
                QboLimits.real(), Duration.ofSeconds(3600), Duration.ofSeconds(8_726_400), Duration.ofMinutes(5),
                Duration.ofHours(24), Duration.ofMillis(200), "127.0.0.1", 32);
    }

    public QboSandboxConfig withClient(String id, String secret) {
        return new QboSandboxConfig(id, secret, verifierToken, redirectUris, limits, accessTokenLifetime,
                refreshTokenLifetime, authorizationCodeLifetime, requestIdRetention, webhookCoalescing, host, threads);
    }

    public QboSandboxConfig withVerifierToken(String token) {
        return new QboSandboxConfig(clientId, clientSecret, token, redirectUris, limits, accessTokenLifetime,
                refreshTokenLifetime, authorizationCodeLifetime, requestIdRetention, webhookCoalescing, host, threads);
    }

    public QboSandboxConfig withRedirectUris(List<String> uris) {
        return new QboSandboxConfig(clientId, clientSecret, verifierToken, uris, limits, accessTokenLifetime,
                refreshTokenLifetime, authorizationCodeLifetime, requestIdRetention, webhookCoalescing, host, threads);
    }

    public QboSandboxConfig withLimits(QboLimits newLimits) {
        return new QboSandboxConfig(clientId, clientSecret, verifierToken, redirectUris, newLimits, accessTokenLifetime,
                refreshTokenLifetime, authorizationCodeLifetime, requestIdRetention, webhookCoalescing, host, threads);
    }

    public QboSandboxConfig withHost(String newHost) {
        return new QboSandboxConfig(clientId, clientSecret, verifierToken, redirectUris, limits, accessTokenLifetime,
                refreshTokenLifetime, authorizationCodeLifetime, requestIdRetention, webhookCoalescing, newHost, threads);
    }
}
