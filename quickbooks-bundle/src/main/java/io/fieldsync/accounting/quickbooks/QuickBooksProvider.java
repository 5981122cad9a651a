package io.fieldsync.accounting.quickbooks;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.ConfiguredSecrets;
import io.fieldsync.accounting.api.spi.ProviderAuthorization;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.api.spi.ProviderDocuments;
import io.fieldsync.accounting.api.spi.ProviderLedger;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.ProviderWebhooks;
import io.fieldsync.accounting.api.spi.VendorSimulator;

import org.jasypt.encryption.StringEncryptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QuickBooks Online Accounting API v3 as an {@link AccountingProvider}. Thin on purpose: each concern lives in
 * its own class; this one wires them from the configuration and hands out the four facets. A configuration change
 * re-creates the component (and its HTTP client and in-memory lists) with the new settings.
 */
@Component(service = AccountingProvider.class, configurationPid = QuickBooksConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = AccountingProvider.PROVIDER_PROPERTY + "=" + QuickBooksProvider.ID)
@Designate(ocd = QuickBooksConfiguration.class)
public class QuickBooksProvider implements AccountingProvider {

    public static final String ID = "quickbooks";

    private static final Logger LOG = LoggerFactory.getLogger(QuickBooksProvider.class);
    /** QBO's batch requests per minute per realm, besides their items counting as calls (api-facts §4, Q-BLOG-2023-07). */
    static final int BATCH_REQUESTS_PER_MINUTE = 40;

    /**
     * Everything but drafts (QBO invoices have no draft state) and several tax codes on one line (one TaxCodeRef
     * per line in the global tax model; stacked host rates work when mapped to one combined QBO tax code).
     * PAYMENT_UPDATES and CREDIT_NOTE_UPDATES are real: a changed payment is a sparse update of that payment
     * ({@link QboPaymentChanges}), a changed credit note an update of its memo re-applied to its invoice
     * ({@link QboCreditMemoChanges}).
     * Limits per realm (api-facts §5): 500 calls a minute, 10 at once, batch items counted like calls, 30 items
     * per batch and 40 batch requests a minute (api-facts §4, Intuit blog 2023-07 "batch"). No daily limit; reads are metered monthly (CorePlus) under the App Partner Program, which is why
     * reads are batched and lists cached. The 500 000 a month of the free tier is app-wide, not per minute, so it
     * is not an appCallsPerMinute limit.
     */
    static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(ID, "QuickBooks Online",
            EnumSet.complementOf(EnumSet.of(ProviderCapability.DRAFT_INVOICES, ProviderCapability.MULTIPLE_TAXES_PER_LINE)),
            new ProviderLimits(500, 10, Integer.MAX_VALUE, 0, Map.of(DocumentKind.CUSTOMER, QboBatch.MAX_ITEMS,
                    DocumentKind.INVOICE, QboBatch.MAX_ITEMS, DocumentKind.CREDIT_NOTE, QboBatch.MAX_ITEMS,
                    DocumentKind.PAYMENT, QboBatch.MAX_ITEMS), BATCH_REQUESTS_PER_MINUTE));

    private final QuickBooksHttp http;
    private final QboAuthorization authorization;
    private final QboDocuments documents;
    private final QboLedger ledger;
    private final QboWebhooks webhooks;
    private final java.util.List<String> nonVendorEndpoints;
    private final java.util.List<io.fieldsync.accounting.api.SyncError> configurationProblems;

    /**
     * Two optional, greedy references re-create the provider when they come or go. The operator's Jasypt encryptor:
     * ENC(...) secrets are decrypted once, here (referenced as a ServiceReference so that without jasypt, an optional
     * import, this class still loads). A running sandbox's simulator: used only while the PID holds no configuration
     * at all, so a configured PID always wins ({@link QboSimulatorChoice}).
     */
    @Activate
    public QuickBooksProvider(QuickBooksConfiguration configuration, Map<String, Object> properties, BundleContext context,
            @Reference(name = "decryptor", service = StringEncryptor.class, cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY, target = QuickBooksConfiguration.DECRYPTOR_TARGET)
            ServiceReference<?> decryptor,
            @Reference(name = "simulator", cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = "(" + AccountingProvider.PROVIDER_PROPERTY + "=" + ID + ")") VendorSimulator simulator) {
        this(QboSimulatorChoice.choose(configuration, properties, simulator), context, decryptor);
    }

    private QuickBooksProvider(QuickBooksConfiguration chosen, BundleContext context, ServiceReference<?> decryptor) {
        this(settings(chosen, context, decryptor), Clock.systemUTC());
    }

    public QuickBooksProvider(QuickBooksConfiguration configuration) {
        this(QuickBooksSettings.of(configuration), Clock.systemUTC());
    }

    private static QuickBooksSettings settings(QuickBooksConfiguration configuration, BundleContext context,
                                               ServiceReference<?> decryptor) {
        Object encryptor = decryptor == null ? null : context.getService(decryptor);
        try {
            QuickBooksSettings settings = QuickBooksSettings.of(configuration,
                    new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET,
                            encryptor == null ? null : JasyptDecryptor.of(encryptor)));
            settings.unreadableSecrets().forEach(problem -> LOG.error("QuickBooks configuration: {}", problem.message()));
            return settings;
        } finally {
            if (encryptor != null) {
                context.ungetService(decryptor);
            }
        }
    }

    QuickBooksProvider(QuickBooksSettings settings, Clock clock) {
        this.nonVendorEndpoints = java.util.List.copyOf(settings.nonVendorEndpoints());
        this.configurationProblems = settings.unreadableSecrets();
        this.http = new QuickBooksHttp(settings.connectTimeout(), settings.readTimeout(), clock);
        QuickBooksApi api = new QuickBooksApi(settings, http);
        QboBatch batch = new QboBatch(api);
        QboLists lists = new QboLists(batch, clock);
        QboSalesLines salesLines = new QboSalesLines(lists, new QboItems(batch, lists));
        QboCustomers customers = new QboCustomers(batch, api, lists);
        this.authorization = new QboAuthorization(settings, http, clock);
        QboCreditMemos creditMemos = new QboCreditMemos(batch, salesLines);
        QboPayments payments = new QboPayments(batch, lists);
        this.documents = new QboDocuments(customers, new QboInvoices(batch, salesLines), creditMemos, payments,
                new QboSettlements(batch, creditMemos, payments));
        this.ledger = new QboLedger(api, batch, lists, customers, clock);
        this.webhooks = new QboWebhooks(settings.verifierToken(), new QboSettlementEvents(batch));
    }

    @Deactivate
    void deactivate() {
        http.close();
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderAuthorization authorization() {
        return authorization;
    }

    @Override
    public ProviderDocuments documents() {
        return documents;
    }

    @Override
    public ProviderLedger ledger() {
        return ledger;
    }

    @Override
    public ProviderWebhooks webhooks() {
        return webhooks;
    }

    @Override
    public java.util.List<String> nonVendorEndpoints() {
        return nonVendorEndpoints;
    }

    @Override
    public java.util.List<io.fieldsync.accounting.api.SyncError> configurationProblems() {
        return configurationProblems;
    }
}
