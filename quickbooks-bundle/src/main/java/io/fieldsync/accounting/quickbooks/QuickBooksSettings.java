package io.fieldsync.accounting.quickbooks;

import java.time.Duration;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/**
 * The configuration, checked and with trailing slashes trimmed, as the rest of the bundle uses it.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's secret
 * @param redirectUri the engine's OAuth callback
 * @param verifierToken the webhook verifier token
 * @param scopes space-separated scopes
 * @param authorizeUrl the consent page
 * @param tokenUrl the token endpoint
 * @param revocationUrl the revocation endpoint
 * @param apiUrl base of /v3/company/{realmId}
 * @param minorVersion the {@code minorversion} every request carries
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout
 */
record QuickBooksSettings(String clientId, String clientSecret, String redirectUri, String verifierToken, String scopes,
                          String authorizeUrl, String tokenUrl, String revocationUrl, String apiUrl, int minorVersion,
                          Duration connectTimeout, Duration readTimeout) {

    /** Intuit ignores minor versions below 75 since 1 August 2025 (api-facts §2); sending less would only mislead. */
    static final int LOWEST_MINOR_VERSION = 75;

    static QuickBooksSettings of(QuickBooksConfiguration configuration) {
        return new QuickBooksSettings(configuration.client_id().strip(), configuration.client_secret(),
                configuration.redirect_uri().strip(), configuration.webhook_verifier_token(),
                configuration.scopes().strip().replaceAll("\\s+", " "), trim(configuration.authorize_url()),
                trim(configuration.token_url()), trim(configuration.revocation_url()), trim(configuration.api_url()),
                Math.max(LOWEST_MINOR_VERSION, configuration.minor_version()),
                Duration.ofMillis(Math.max(100, configuration.connect_timeout_ms())),
                Duration.ofMillis(Math.max(100, configuration.read_timeout_ms())));
    }

    /** The base of one company's API: {@code /v3/company/{realmId}}. */
    String companyUrl(String realmId) {
        return apiUrl + "/v3/company/" + realmId;
    }

    /** Refuses to start an authorisation without an app configured, in the admin's words. */
    void requireApp() {
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED,
                    "The QuickBooks Online app is not configured: set client.id and client.secret in " + QuickBooksConfiguration.PID
                            + " (etc/" + QuickBooksConfiguration.PID + ".cfg).", null));
        }
    }

    private static String trim(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
