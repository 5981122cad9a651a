package io.fieldsync.accounting.xero;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.ConfiguredSecrets;
import io.fieldsync.accounting.api.spi.ProviderAuthorization;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.api.spi.ProviderDocuments;
import io.fieldsync.accounting.api.spi.ProviderLedger;
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
 * The Xero Accounting API as an {@link AccountingProvider}. Thin on purpose: each concern lives in
 * its own class; this one wires them from the configuration and hands out the four facets. A
 * configuration change re-creates the component (and its HTTP client) with the new settings.
 */
@Component(service = AccountingProvider.class, configurationPid = XeroConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = AccountingProvider.PROVIDER_PROPERTY + "=" + XeroProvider.ID)
@Designate(ocd = XeroConfiguration.class)
public class XeroProvider implements AccountingProvider {

    public static final String ID = "xero";

    private static final Logger LOG = LoggerFactory.getLogger(XeroProvider.class);

    /**
     * A credit note already sent is not changed: an allocated ACCRECCREDIT note cannot take new lines, and replacing it
     * would first need its allocations removed and a voided note's number given up, which the admin decides in Xero
     * (the document says so). Payments are changed by deleting and applying them again (Xero cannot edit a payment).
     */
    static final java.util.Set<ProviderCapability> CAPABILITIES = java.util.Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(ProviderCapability.MULTIPLE_TAXES_PER_LINE, ProviderCapability.CREDIT_NOTE_UPDATES,
                    // Xero writes credit notes and payments at endpoints of their own (PUT /CreditNotes, PUT /Payments)
                    ProviderCapability.SETTLEMENTS_IN_ONE_CALL)));

    private final ProviderDescriptor descriptor;
    private final java.util.List<String> nonVendorEndpoints;
    private final java.util.List<io.fieldsync.accounting.api.SyncError> configurationProblems;
    private final XeroHttp http;
    private final XeroAuthorization authorization;
    private final XeroDocuments documents;
    private final XeroLedger ledger;
    private final XeroWebhooks webhooks;

    /**
     * Two optional, greedy references re-create the provider when they come or go. The operator's Jasypt encryptor:
     * ENC(...) secrets are decrypted once, here (referenced as a ServiceReference so that without jasypt, an optional
     * import, this class still loads). A running sandbox's simulator: used only while the PID holds no configuration
     * at all, so a configured PID always wins ({@link XeroSimulatorChoice}).
     */
    @Activate
    public XeroProvider(XeroConfiguration configuration, Map<String, Object> properties, BundleContext context,
            @Reference(name = "decryptor", service = StringEncryptor.class, cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY, target = XeroConfiguration.DECRYPTOR_TARGET) ServiceReference<?> decryptor,
            @Reference(name = "simulator", cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = "(" + AccountingProvider.PROVIDER_PROPERTY + "=" + ID + ")") VendorSimulator simulator) {
        this(XeroSimulatorChoice.choose(configuration, properties, simulator), context, decryptor);
    }

    private XeroProvider(XeroConfiguration chosen, BundleContext context, ServiceReference<?> decryptor) {
        this(settings(chosen, context, decryptor), XeroAppLimits.of(chosen), Clock.systemUTC());
    }

    public XeroProvider(XeroConfiguration configuration) {
        this(XeroSettings.of(configuration), XeroAppLimits.of(configuration), Clock.systemUTC());
    }

    private static XeroSettings settings(XeroConfiguration configuration, BundleContext context, ServiceReference<?> decryptor) {
        Object encryptor = decryptor == null ? null : context.getService(decryptor);
        try {
            XeroSettings settings = XeroSettings.of(configuration,
                    new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET,
                            encryptor == null ? null : JasyptDecryptor.of(encryptor)));
            settings.unreadableSecrets().forEach(problem -> LOG.error("Xero configuration: {}", problem.message()));
            return settings;
        } finally {
            if (encryptor != null) {
                context.ungetService(decryptor);
            }
        }
    }

    XeroProvider(XeroSettings settings, Clock clock) {
        this(settings, XeroAppLimits.defaults(), clock);
    }

    XeroProvider(XeroSettings settings, XeroAppLimits limits, Clock clock) {
        this.descriptor = new ProviderDescriptor(ID, "Xero", CAPABILITIES, limits.limits());
        this.nonVendorEndpoints = java.util.List.copyOf(settings.nonVendorEndpoints());
        this.configurationProblems = settings.unreadableSecrets();
        ObjectMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.http = new XeroHttp(settings.connectTimeout(), settings.readTimeout(), clock);
        XeroApi api = new XeroApi(settings, http, json);
        this.authorization = new XeroAuthorization(settings, http, json, clock);
        XeroContacts contacts = new XeroContacts(api);
        XeroTaxTypes taxTypes = new XeroTaxTypes(api, clock);
        this.documents = new XeroDocuments(contacts, new XeroInvoices(api, taxTypes), new XeroCreditNotes(api, taxTypes), new XeroPayments(api));
        this.ledger = new XeroLedger(api, contacts, clock);
        this.webhooks = new XeroWebhooks(json, settings.webhookKey());
    }

    @Deactivate
    void deactivate() {
        http.close();
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
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
