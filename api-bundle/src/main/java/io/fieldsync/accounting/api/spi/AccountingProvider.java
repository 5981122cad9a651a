package io.fieldsync.accounting.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One accounting system, as the engine drives it. Registered as an OSGi service with the property
 * {@value #PROVIDER_PROPERTY} set to {@link ProviderDescriptor#id()}; the engine uses the one a company is bound to
 * and tracks it coming and going (bundle installed, updated, stopped).
 *
 * <p>A provider is its wire protocol and nothing else, in four facets: {@link #authorization()} (OAuth),
 * {@link #documents()} (writes), {@link #ledger()} (reads) and {@link #webhooks()}. It is stateless towards the
 * engine: every call that works for a connection receives the {@link ProviderSession} it works for, and every push
 * carries what its payload is built from, mappings and settings already resolved by the engine. Each getter returns
 * the same object for the provider's life.
 *
 * @since 2.0 (split into facets)
 */
@ConsumerType
public interface AccountingProvider {

    /** The service property naming the provider. */
    String PROVIDER_PROPERTY = "accounting.provider";

    /** Who it is, what it can do, and its limits. */
    ProviderDescriptor descriptor();

    /** Consent, code exchange, refresh, revocation. */
    ProviderAuthorization authorization();

    /** Customers, invoices, credit notes and payments written into the accounting system. */
    ProviderDocuments documents();

    /** Reference data, contacts and invoice states read from the accounting system. */
    ProviderLedger ledger();

    /** Signature, parsing and consequences of the accounting system's webhooks. */
    ProviderWebhooks webhooks();

    /**
     * The endpoints this provider is configured to call that are not the accounting system's own (a sandbox, a
     * simulator, a proxy), each as {@code "name url"} ({@code "api.url http://localhost:8181/sandbox/xero"}), so that an
     * admin sees that documents will not reach the real books. Empty when every endpoint is the vendor's.
     *
     * @since 2.1
     */
    default java.util.List<String> nonVendorEndpoints() {
        return java.util.List.of();
    }

    /**
     * What in this provider's configuration keeps it from working, one {@code INVALID_CONFIGURATION} error each naming
     * the property (an encrypted secret that cannot be decrypted), so that an admin sees why connecting is refused
     * before trying. The messages never contain a secret. Empty when the configuration is usable.
     *
     * @since 2.2
     */
    default java.util.List<io.fieldsync.accounting.api.SyncError> configurationProblems() {
        return java.util.List.of();
    }
}
