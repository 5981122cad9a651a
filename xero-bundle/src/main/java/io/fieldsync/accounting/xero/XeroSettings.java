package io.fieldsync.accounting.xero;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ConfiguredSecrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * @param unreadableSecrets the ENC(...) secrets that could not be decrypted: connecting is refused with the first
 */
record XeroSettings(String clientId, String clientSecret, String redirectUri, String webhookKey, String scopes,
                    String authorizeUrl, String identityUrl, String apiUrl, Duration connectTimeout, Duration readTimeout,
                    List<SyncError> unreadableSecrets) {

    XeroSettings {
        unreadableSecrets = List.copyOf(unreadableSecrets);
    }

    XeroSettings(String clientId, String clientSecret, String redirectUri, String webhookKey, String scopes,
                 String authorizeUrl, String identityUrl, String apiUrl, Duration connectTimeout, Duration readTimeout) {
        this(clientId, clientSecret, redirectUri, webhookKey, scopes, authorizeUrl, identityUrl, apiUrl, connectTimeout, readTimeout,
                List.of());
    }

    private static final Logger LOG = LoggerFactory.getLogger(XeroSettings.class);

    static XeroSettings of(XeroConfiguration configuration) {
        return of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET,
                null));
    }

    /** The settings with the secrets revealed by {@code secrets} (decrypted when ENC(...)). */
    static XeroSettings of(XeroConfiguration configuration, ConfiguredSecrets secrets) {
        String clientSecret = secrets.reveal("client.secret", configuration.client_secret());
        String webhookKey = secrets.reveal("webhook.key", configuration.webhook_key());
        return new XeroSettings(configuration.client_id().strip(), clientSecret, configuration.redirect_uri().strip(),
                webhookKey, configuration.scopes().strip().replaceAll("\\s+", " "), url(configuration, "authorize_url"),
                url(configuration, "identity_url"), url(configuration, "api_url"),
                Duration.ofMillis(Math.max(100, configuration.connect_timeout_ms())),
                Duration.ofMillis(Math.max(100, configuration.read_timeout_ms())), secrets.problems());
    }

    /**
     * The configured endpoints that are not Xero's own (https on login.xero.com, identity.xero.com, api.xero.com: the
     * hosts Xero documents for OAuth 2.0 and the Accounting API, see ../shared/reference/api-facts.md §1), as
     * {@code "name url"}: a sandbox or a proxy, which an admin must see before trusting that documents reach the books.
     */
    java.util.List<String> nonVendorEndpoints() {
        java.util.List<String> others = new java.util.ArrayList<>();
        vendor("authorize.url", authorizeUrl, "login.xero.com", others);
        vendor("identity.url", identityUrl, "identity.xero.com", others);
        vendor("api.url", apiUrl, "api.xero.com", others);
        return others;
    }

    private static void vendor(String name, String url, String host, java.util.List<String> others) {
        java.net.URI uri = java.net.URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !host.equalsIgnoreCase(uri.getHost())) {
            others.add(name + " " + url);
        }
    }

    /** The Accounting API base. */
    String accountingUrl() {
        return apiUrl + "/api.xro/2.0";
    }

    /** Refuses to start an authorisation without an app configured, in the admin's words. */
    void requireApp() {
        if (!unreadableSecrets.isEmpty()) {
            throw new AccountingException(unreadableSecrets.get(0));
        }
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new AccountingException(new SyncError(ErrorCode.INVALID_CONFIGURATION,
                    "The Xero app is not configured: set client.id and client.secret in " + XeroConfiguration.PID
                            + " (etc/" + XeroConfiguration.PID + ".cfg).", null));
        }
    }

    /**
     * The URLs of the configuration that are not http(s) URLs, as typed errors naming the property; each is replaced
     * by its default (the vendor's own endpoint), so a typo leaves the provider working rather than failing every call.
     */
    static List<SyncError> problems(XeroConfiguration configuration) {
        List<SyncError> problems = new ArrayList<>();
        for (String attribute : URL_ATTRIBUTES) {
            String value = attribute(configuration, attribute);
            if (!isHttpUrl(value)) {
                problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, attribute.replace('_', '.') + " = '" + shown(value) + "' in "
                        + XeroConfiguration.PID + " is not an http(s) URL; using " + defaultOf(attribute)));
            }
        }
        problems.addAll(XeroAppLimits.problems(configuration));
        return problems;
    }

    private static final List<String> URL_ATTRIBUTES = List.of("authorize_url", "identity_url", "api_url");

    private static String url(XeroConfiguration configuration, String attribute) {
        String value = attribute(configuration, attribute);
        if (isHttpUrl(value)) {
            return trim(value);
        }
        LOG.error("Xero configuration: {}", problems(configuration).stream().map(SyncError::message)
                .filter(message -> message.startsWith(attribute.replace('_', '.') + " = ")).findFirst().orElse(attribute));
        return trim(defaultOf(attribute));
    }

    private static boolean isHttpUrl(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(value.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }

    private static String attribute(XeroConfiguration configuration, String attribute) {
        try {
            return (String) XeroConfiguration.class.getMethod(attribute).invoke(configuration);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(attribute + " is an attribute of " + XeroConfiguration.PID, e);
        }
    }

    private static String defaultOf(String attribute) {
        try {
            return (String) XeroConfiguration.class.getMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(attribute + " is an attribute of " + XeroConfiguration.PID, e);
        }
    }

    private static String shown(String value) {
        String printable = value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }

    private static String trim(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
