package io.fieldsync.accounting.quickbooks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
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
import io.fieldsync.accounting.api.spi.ProviderLimits;
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
 * The QuickBooks Online Accounting API v3 as an {@link AccountingProvider}. Thin on purpose: each concern lives in
 * its own class; this one wires them from the configuration and routes the SPI calls. A configuration change
 * re-creates the component (and its HTTP client and in-memory lists) with the new settings.
 */
@Component(service = AccountingProvider.class, configurationPid = QuickBooksConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = AccountingProvider.PROVIDER_PROPERTY + "=" + QuickBooksProvider.ID)
@Designate(ocd = QuickBooksConfiguration.class)
public class QuickBooksProvider implements AccountingProvider {

    public static final String ID = "quickbooks";

    /**
     * Everything but drafts (QBO invoices have no draft state) and several tax codes on one line (one TaxCodeRef
     * per line in the global tax model; stacked host rates work when mapped to one combined QBO tax code).
     * PAYMENT_UPDATES and CREDIT_NOTE_UPDATES are real: a changed payment is a sparse update of that payment
     * ({@link QboPaymentChanges}), a changed credit note an update of its memo re-applied to its invoice
     * ({@link QboCreditMemoChanges}).
     * Limits per realm (api-facts §5): 500 calls a minute, 10 at once, batch items counted like calls, 30 items
     * per batch. No daily limit; reads are metered monthly (CorePlus) under the App Partner Program, which is why
     * reads are batched and lists cached. The 500 000 a month of the free tier is app-wide, not per minute, so it
     * is not an appCallsPerMinute limit.
     */
    static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(ID, "QuickBooks Online",
            EnumSet.complementOf(EnumSet.of(ProviderCapability.DRAFT_INVOICES, ProviderCapability.MULTIPLE_TAXES_PER_LINE)),
            new ProviderLimits(500, 10, Integer.MAX_VALUE, 0, Map.of(DocumentKind.CUSTOMER, QboBatch.MAX_ITEMS,
                    DocumentKind.INVOICE, QboBatch.MAX_ITEMS, DocumentKind.CREDIT_NOTE, QboBatch.MAX_ITEMS,
                    DocumentKind.PAYMENT, QboBatch.MAX_ITEMS)));

    private final QuickBooksSettings settings;
    private final QuickBooksHttp http;
    private final QboAuthorization authorization;
    private final QboCustomers customers;
    private final QboInvoices invoices;
    private final QboCreditMemos creditMemos;
    private final QboPayments payments;
    private final QboLedger ledger;
    private final QboWebhooks webhooks;
    private final QboSettlementEvents settlementEvents;

    @Activate
    public QuickBooksProvider(QuickBooksConfiguration configuration) {
        this(QuickBooksSettings.of(configuration), Clock.systemUTC());
    }

    QuickBooksProvider(QuickBooksSettings settings, Clock clock) {
        this.settings = settings;
        this.http = new QuickBooksHttp(settings.connectTimeout(), settings.readTimeout(), clock);
        QuickBooksApi api = new QuickBooksApi(settings, http);
        QboBatch batch = new QboBatch(api);
        QboLists lists = new QboLists(batch, clock);
        QboSalesLines salesLines = new QboSalesLines(lists, new QboItems(batch, lists));
        this.authorization = new QboAuthorization(settings, http, clock);
        this.customers = new QboCustomers(batch, api, lists);
        this.invoices = new QboInvoices(batch, salesLines);
        this.creditMemos = new QboCreditMemos(batch, salesLines);
        this.payments = new QboPayments(batch, lists);
        this.ledger = new QboLedger(api, batch, lists, clock);
        this.webhooks = new QboWebhooks();
        this.settlementEvents = new QboSettlementEvents(batch);
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
    public ReferenceData referenceData(ProviderSession session) {
        return ledger.referenceData(session);
    }

    @Override
    public ContactPage contacts(ProviderSession session, int page) {
        return customers.page(session, page);
    }

    @Override
    public List<RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        return customers.byId(session, remoteIds);
    }

    @Override
    public List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch) {
        return withUnknownOutcomes(batch.stream().map(CustomerPush::document).toList(), () -> customers.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
        return withUnknownOutcomes(batch.stream().map(InvoicePush::document).toList(), () -> invoices.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch) {
        return withUnknownOutcomes(batch.stream().map(CreditNotePush::document).toList(), () -> creditMemos.push(session, batch));
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
    public List<String> invoicesAffectedBy(ProviderSession session, List<RemoteEvent> events) {
        return settlementEvents.invoices(session, events);
    }

    @Override
    public RemoteChanges changesSince(ProviderSession session, Instant since) {
        return ledger.changesSince(session, since);
    }

    @Override
    public Optional<String> webhookSignatureHeader() {
        return Optional.of(QboWebhooks.SIGNATURE_HEADER);
    }

    @Override
    public boolean verifyWebhook(WebhookDelivery delivery) {
        return webhooks.verify(delivery, settings.verifierToken());
    }

    @Override
    public List<RemoteEvent> parseWebhook(WebhookDelivery delivery) {
        return webhooks.parse(delivery);
    }

    /**
     * A single write whose answer was lost (outside a batch: a customer update) leaves every document of the
     * call with an unknown outcome, to be reconciled. Batches report lost answers per chunk themselves.
     */
    private static List<PushOutcome> withUnknownOutcomes(List<DocumentRef> documents, Supplier<List<PushOutcome>> push) {
        try {
            return push.get();
        } catch (OutcomeUnknownException lost) {
            return documents.stream().map(document -> PushOutcome.unknown(document, lost.getMessage())).toList();
        }
    }
}
