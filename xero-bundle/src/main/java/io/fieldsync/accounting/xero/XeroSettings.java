package io.fieldsync.accounting.xero;

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
 * @param webhookKey the webhook signing key
 * @param scopes space-separated scopes
 * @param authorizeUrl the consent page
 * @param identityUrl base of the token and revocation endpoints
 * @param apiUrl base of /connections and /api.xro/2.0
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout
 */
record XeroSettings(String clientId, String clientSecret, String redirectUri, String webhookKey, String scopes,
                    String authorizeUrl, String identityUrl, String apiUrl, Duration connectTimeout, Duration readTimeout) {

    static XeroSettings of(XeroConfiguration configuration) {
        return new XeroSettings(configuration.client_id().strip(), configuration.client_secret(), configuration.redirect_uri().strip(),
                configuration.webhook_key(), configuration.scopes().strip().replaceAll("\\s+", " "), trim(configuration.authorize_url()),
                trim(configuration.identity_url()), trim(configuration.api_url()),
                Duration.ofMillis(Math.max(100, configuration.connect_timeout_ms())),
                Duration.ofMillis(Math.max(100, configuration.read_timeout_ms())));
    }

    /** The Accounting API base. */
    String accountingUrl() {
        return apiUrl + "/api.xro/2.0";
    }

    /** Refuses to start an authorisation without an app configured, in the admin's words. */
    void requireApp() {
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED,
                    "The Xero app is not configured: set client.id and client.secret in " + XeroConfiguration.PID
                            + " (etc/" + XeroConfiguration.PID + ".cfg).", null));
        }
    }

    private static String trim(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
