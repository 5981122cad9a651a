package io.fieldsync.accounting.quickbooks;

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
 * @param verifierToken the webhook verifier token
 * @param scopes space-separated scopes
 * @param authorizeUrl the consent page
 * @param tokenUrl the token endpoint
 * @param revocationUrl the revocation endpoint
 * @param apiUrl base of /v3/company/{realmId}
 * @param minorVersion the {@code minorversion} every request carries
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout
 * @param unreadableSecrets the ENC(...) secrets that could not be decrypted: connecting is refused with the first
 */
record QuickBooksSettings(String clientId, String clientSecret, String redirectUri, String verifierToken, String scopes,
                          String authorizeUrl, String tokenUrl, String revocationUrl, String apiUrl, int minorVersion,
                          Duration connectTimeout, Duration readTimeout, List<SyncError> unreadableSecrets) {

    QuickBooksSettings {
        unreadableSecrets = List.copyOf(unreadableSecrets);
    }

    QuickBooksSettings(String clientId, String clientSecret, String redirectUri, String verifierToken, String scopes,
                       String authorizeUrl, String tokenUrl, String revocationUrl, String apiUrl, int minorVersion,
                       Duration connectTimeout, Duration readTimeout) {
        this(clientId, clientSecret, redirectUri, verifierToken, scopes, authorizeUrl, tokenUrl, revocationUrl, apiUrl, minorVersion,
                connectTimeout, readTimeout, List.of());
    }

    private static final Logger LOG = LoggerFactory.getLogger(QuickBooksSettings.class);

    /** Intuit ignores minor versions below 75 since 1 August 2025 (api-facts §2); sending less would only mislead. */
    static final int LOWEST_MINOR_VERSION = 75;

    /**
     * The configured endpoints that are not Intuit's own, as {@code "name url"}: a simulator or a proxy. Intuit's are
     * https on appcenter.intuit.com (consent), oauth.platform.intuit.com (tokens), developer.api.intuit.com
     * (revocation), and quickbooks.api.intuit.com or Intuit's own developer sandbox sandbox-quickbooks.api.intuit.com
     * (the Accounting API), as Intuit's discovery document and REST quick reference give them (api-facts.md's OAuth and
     * base-URL rows).
     */
    java.util.List<String> nonVendorEndpoints() {
        java.util.List<String> others = new java.util.ArrayList<>();
        vendor("authorize.url", authorizeUrl, java.util.Set.of("appcenter.intuit.com"), others);
        vendor("token.url", tokenUrl, java.util.Set.of("oauth.platform.intuit.com"), others);
        vendor("revocation.url", revocationUrl, java.util.Set.of("developer.api.intuit.com"), others);
        vendor("api.url", apiUrl, java.util.Set.of("quickbooks.api.intuit.com", "sandbox-quickbooks.api.intuit.com"), others);
        return others;
    }

    private static void vendor(String name, String url, java.util.Set<String> hosts, java.util.List<String> others) {
        java.net.URI uri = java.net.URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || !hosts.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT))) {
            others.add(name + " " + url);
        }
    }

    static QuickBooksSettings of(QuickBooksConfiguration configuration) {
        return of(configuration, new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET,
                null));
    }

    /** The settings with the secrets revealed by {@code secrets} (decrypted when ENC(...)). */
    static QuickBooksSettings of(QuickBooksConfiguration configuration, ConfiguredSecrets secrets) {
        String clientSecret = secrets.reveal("client.secret", configuration.client_secret());
        String verifierToken = secrets.reveal("webhook.verifier.token", configuration.webhook_verifier_token());
        return new QuickBooksSettings(configuration.client_id().strip(), clientSecret,
                configuration.redirect_uri().strip(), verifierToken,
                configuration.scopes().strip().replaceAll("\\s+", " "), url(configuration, "authorize_url"),
                url(configuration, "token_url"), url(configuration, "revocation_url"), url(configuration, "api_url"),
                Math.max(LOWEST_MINOR_VERSION, configuration.minor_version()),
                Duration.ofMillis(Math.max(100, configuration.connect_timeout_ms())),
                Duration.ofMillis(Math.max(100, configuration.read_timeout_ms())), secrets.problems());
    }

    /** The base of one company's API: {@code /v3/company/{realmId}}. */
    String companyUrl(String realmId) {
        return apiUrl + "/v3/company/" + realmId;
    }

    /** Refuses to start an authorisation without an app configured, in the admin's words. */
    void requireApp() {
        if (!unreadableSecrets.isEmpty()) {
            throw new AccountingException(unreadableSecrets.get(0));
        }
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new AccountingException(new SyncError(ErrorCode.INVALID_CONFIGURATION,
                    "The QuickBooks Online app is not configured: set client.id and client.secret in " + QuickBooksConfiguration.PID
                            + " (etc/" + QuickBooksConfiguration.PID + ".cfg).", null));
        }
    }

    /**
     * The URLs of the configuration that are not http(s) URLs, as typed errors naming the property; each is replaced
     * by its default (the vendor's own endpoint), so a typo leaves the provider working rather than failing every call.
     */
    static List<SyncError> problems(QuickBooksConfiguration configuration) {
        List<SyncError> problems = new ArrayList<>();
        for (String attribute : URL_ATTRIBUTES) {
            String value = attribute(configuration, attribute);
            if (!isHttpUrl(value)) {
                problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, attribute.replace('_', '.') + " = '" + shown(value) + "' in "
                        + QuickBooksConfiguration.PID + " is not an http(s) URL; using " + defaultOf(attribute)));
            }
        }
        return problems;
    }

    private static final List<String> URL_ATTRIBUTES = List.of("authorize_url", "token_url", "revocation_url", "api_url");

    private static String url(QuickBooksConfiguration configuration, String attribute) {
        String value = attribute(configuration, attribute);
        if (isHttpUrl(value)) {
            return trim(value);
        }
        LOG.error("QuickBooks configuration: {}", problems(configuration).stream().map(SyncError::message)
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

    private static String attribute(QuickBooksConfiguration configuration, String attribute) {
        try {
            return (String) QuickBooksConfiguration.class.getMethod(attribute).invoke(configuration);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(attribute + " is an attribute of " + QuickBooksConfiguration.PID, e);
        }
    }

    private static String defaultOf(String attribute) {
        try {
            return (String) QuickBooksConfiguration.class.getMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(attribute + " is an attribute of " + QuickBooksConfiguration.PID, e);
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
