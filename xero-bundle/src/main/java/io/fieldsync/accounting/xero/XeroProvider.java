package io.fieldsync.accounting.xero;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Xero Accounting API as an {@link AccountingProvider}. Thin on purpose: each concern lives in
 * its own class; this one wires them from the configuration and routes the SPI calls. A
 * configuration change re-creates the component (and its HTTP client) with the new settings.
 */
@Component(service = AccountingProvider.class, configurationPid = XeroConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = AccountingProvider.PROVIDER_PROPERTY + "=" + XeroProvider.ID)
@Designate(ocd = XeroConfiguration.class)
public class XeroProvider implements AccountingProvider {

    public static final String ID = "xero";

    /**
     * A credit note already sent is not changed: an allocated ACCRECCREDIT note cannot take new lines, and replacing it
     * would first need its allocations removed and a voided note's number given up, which the admin decides in Xero
     * (the document says so). Payments are changed by deleting and applying them again (Xero cannot edit a payment).
     */
    static final java.util.Set<ProviderCapability> CAPABILITIES = java.util.Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(ProviderCapability.MULTIPLE_TAXES_PER_LINE, ProviderCapability.CREDIT_NOTE_UPDATES)));

    private final ProviderDescriptor descriptor;
    private final XeroSettings settings;
    private final XeroHttp http;
    private final XeroAuthorization authorization;
    private final XeroContacts contacts;
    private final XeroInvoices invoices;
    private final XeroCreditNotes creditNotes;
    private final XeroPayments payments;
    private final XeroLedger ledger;
    private final XeroWebhooks webhooks;

    @Activate
    public XeroProvider(XeroConfiguration configuration) {
        this(XeroSettings.of(configuration), XeroAppLimits.of(configuration), Clock.systemUTC());
    }

    XeroProvider(XeroSettings settings, Clock clock) {
        this(settings, XeroAppLimits.defaults(), clock);
    }

    XeroProvider(XeroSettings settings, XeroAppLimits limits, Clock clock) {
        this.descriptor = new ProviderDescriptor(ID, "Xero", CAPABILITIES, limits.limits());
        ObjectMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.settings = settings;
        this.http = new XeroHttp(settings.connectTimeout(), settings.readTimeout(), clock);
        XeroApi api = new XeroApi(settings, http, json);
        this.authorization = new XeroAuthorization(settings, http, json, clock);
        this.contacts = new XeroContacts(api);
        XeroTaxTypes taxTypes = new XeroTaxTypes(api, clock);
        this.invoices = new XeroInvoices(api, taxTypes);
        this.creditNotes = new XeroCreditNotes(api, taxTypes);
        this.payments = new XeroPayments(api);
        this.ledger = new XeroLedger(api, clock);
        this.webhooks = new XeroWebhooks(json);
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
    public URI authorizationUrl(AuthorizationRequest request) {
        return authorization.authorizationUrl(request.state());
    }

    @Override
    public AuthorizationGrant exchangeCode(Map<String, String> callbackParameters) {
        return authorization.exchange(callbackParameters);
    }

    @Override
    public TokenSet refresh(TokenSet current) {
        return authorization.refresh(current);
    }

    @Override
    public void revoke(TokenSet tokens) {
        authorization.revoke(tokens);
    }

    @Override
    public void disconnect(TokenSet tokens, String tenantId) {
        authorization.disconnect(tokens, tenantId);
    }

    @Override
    public ReferenceData referenceData(ProviderSession session) {
        return ledger.referenceData(session);
    }

    @Override
    public ContactPage contacts(ProviderSession session, int page) {
        return contacts.page(session, page);
    }

    @Override
    public List<RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        return contacts.byId(session, remoteIds);
    }

    @Override
    public List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch) {
        return contacts.push(session, batch);
    }

    @Override
    public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
        return withUnknownOutcomes(batch.stream().map(InvoicePush::document).toList(), () -> invoices.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch) {
        return withUnknownOutcomes(batch.stream().map(CreditNotePush::document).toList(), () -> creditNotes.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch) {
        return withUnknownOutcomes(batch.stream().map(PaymentPush::document).toList(), () -> payments.push(session, batch));
    }

    @Override
    public RemoteInvoiceState invoiceState(ProviderSession session, String remoteInvoiceId) {
        return ledger.invoice(session, remoteInvoiceId);
    }

    @Override
    public List<RemoteInvoiceState> invoiceStates(ProviderSession session, List<String> remoteInvoiceIds) {
        return ledger.invoices(session, remoteInvoiceIds);
    }

    @Override
    public RemoteChanges changesSince(ProviderSession session, Instant since) {
        return ledger.changesSince(session, since);
    }

    @Override
    public Optional<String> webhookSignatureHeader() {
        return Optional.of(XeroWebhooks.SIGNATURE_HEADER);
    }

    @Override
    public boolean verifyWebhook(WebhookDelivery delivery) {
        return webhooks.verify(delivery, settings.webhookKey());
    }

    @Override
    public List<RemoteEvent> parseWebhook(WebhookDelivery delivery) {
        return webhooks.parse(delivery);
    }

    /** A write whose answer was lost leaves every document of that call with an unknown outcome, to be reconciled. */
    private static List<PushOutcome> withUnknownOutcomes(List<io.fieldsync.accounting.api.DocumentRef> documents,
                                                         java.util.function.Supplier<List<PushOutcome>> push) {
        try {
            return push.get();
        } catch (OutcomeUnknownException lost) {
            return documents.stream().map(document -> PushOutcome.unknown(document, lost.getMessage())).toList();
        }
    }
}
