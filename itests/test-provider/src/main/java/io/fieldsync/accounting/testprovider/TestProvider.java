package io.fieldsync.accounting.testprovider;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.MoneyRules;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderAuthorization;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.api.spi.ProviderDocuments;
import io.fieldsync.accounting.api.spi.ProviderLedger;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.ProviderWebhooks;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

/**
 * An accounting system that accepts everything at once: every push is SYNCED with a remote id that
 * starts with the provider's id ({@code alpha-invoice-INV-1}), any authorisation code grants exactly
 * one organisation, and payment state is kept in memory. No webhooks.
 */
final class TestProvider implements AccountingProvider, ProviderAuthorization, ProviderDocuments, ProviderLedger, ProviderWebhooks {

    static final String SALES_ACCOUNT = "200";
    static final String BANK_ACCOUNT = "090";
    static final String TAX_ACCOUNT = "820";
    static final String NO_TAX = "NONE";

    private static final int CONTACT_PAGE_SIZE = 100;
    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);
    private static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(60);

    private final ProviderDescriptor descriptor;
    private final Clock clock;
    private final TestLedger ledger;

    TestProvider(String id) {
        this(id, Clock.systemUTC());
    }

    TestProvider(String id, Clock clock) {
        this.descriptor = new ProviderDescriptor(id, "Test provider " + id,
                EnumSet.of(ProviderCapability.CUSTOMERS, ProviderCapability.INVOICES, ProviderCapability.INVOICE_UPDATES,
                        ProviderCapability.CREDIT_NOTES, ProviderCapability.PARTIAL_CREDIT_NOTES, ProviderCapability.PAYMENTS,
                        ProviderCapability.MULTI_CURRENCY, ProviderCapability.MULTIPLE_TAXES_PER_LINE,
                        ProviderCapability.PAYMENT_STATE, ProviderCapability.CHANGE_POLLING),
                new ProviderLimits(1_000, 4, 100_000, 0, Map.of(DocumentKind.CUSTOMER, 50, DocumentKind.INVOICE, 50,
                        DocumentKind.CREDIT_NOTE, 50, DocumentKind.PAYMENT, 50)));
        this.clock = clock;
        this.ledger = new TestLedger(clock);
    }

    // one small in-memory double plays every facet
    @Override
    public ProviderAuthorization authorization() {
        return this;
    }

    @Override
    public ProviderDocuments documents() {
        return this;
    }

    @Override
    public ProviderLedger ledger() {
        return this;
    }

    @Override
    public ProviderWebhooks webhooks() {
        return this;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        return URI.create("https://" + id() + ".test-provider.invalid/authorize?state="
                + URLEncoder.encode(request.state(), StandardCharsets.UTF_8));
    }

    @Override
    public AuthorizationGrant exchangeCode(Map<String, String> callbackParameters) {
        if (callbackParameters.containsKey("error")) {
            throw refused("the authorisation", callbackParameters.get("error"));
        }
        String code = callbackParameters.get("code");
        if (code == null || code.isBlank()) {
            throw refused("the authorisation", "the callback carries no code");
        }
        return new AuthorizationGrant(newTokens(), List.of(new Organisation(id() + "-organisation", descriptor.displayName() + " organisation")));
    }

    @Override
    public TokenSet refresh(TokenSet current) {
        if (!current.refreshToken().startsWith(id() + "-refresh-")) {
            throw new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, descriptor.displayName())
                    .withDetail("refresh token was not issued by " + id()));
        }
        return newTokens();
    }

    @Override
    public void revoke(TokenSet tokens) {
        // Nothing to revoke: tokens of the test provider are never checked.
    }

    @Override
    public ReferenceData referenceData(ProviderSession session) {
        return new ReferenceData(descriptor.displayName() + " organisation",
                List.of(new RemoteAccount(id() + "-account-" + SALES_ACCOUNT, SALES_ACCOUNT, "Sales", AccountType.REVENUE, true, false),
                        new RemoteAccount(id() + "-account-" + BANK_ACCOUNT, BANK_ACCOUNT, "Business Bank Account", AccountType.BANK, true, true),
                        new RemoteAccount(id() + "-account-" + TAX_ACCOUNT, TAX_ACCOUNT, "Sales Tax", AccountType.LIABILITY, true, false)),
                List.of(new RemoteTaxRate(NO_TAX, "No tax", BigDecimal.ZERO, true, true)),
                List.of(),
                clock.instant());
    }

    @Override
    public ContactPage contacts(ProviderSession session, int page) {
        if (page < 1) {
            throw new IllegalArgumentException("pages start at 1: " + page);
        }
        List<RemoteContact> all = ledger.contacts();
        int from = Math.min((page - 1) * CONTACT_PAGE_SIZE, all.size());
        int to = Math.min(from + CONTACT_PAGE_SIZE, all.size());
        return new ContactPage(all.subList(from, to), to < all.size());
    }

    @Override
    public List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch) {
        return batch.stream().map(push -> {
            String remoteId = push.linkedRemoteId() != null ? push.linkedRemoteId()
                    : ledger.findContact(push.customer().email(), push.customer().name())
                            .map(RemoteContact::remoteId)
                            .orElse(id() + "-contact-" + push.customer().hostId());
            ledger.contact(new RemoteContact(remoteId, push.customer().name(), push.customer().email(), true));
            return PushOutcome.synced(push.document(), remoteId, null);
        }).toList();
    }

    @Override
    public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
        return batch.stream().map(push -> {
            String remoteId = push.remoteInvoiceId() != null ? push.remoteInvoiceId() : id() + "-invoice-" + push.invoice().hostId();
            String number = push.invoice().number() != null ? push.invoice().number() : "INV-" + push.invoice().hostId();
            ledger.invoice(remoteId, number, push.invoice().linesTotal());
            return PushOutcome.synced(push.document(), remoteId, number);
        }).toList();
    }

    @Override
    public List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch) {
        return batch.stream().map(push -> {
            BigDecimal total = MoneyRules.round(push.creditNote().lines().stream()
                    .map(InvoiceLine::lineAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
            ledger.credit(push.remoteInvoiceId(), total);
            String number = push.creditNote().number() != null ? push.creditNote().number() : "CN-" + push.creditNote().hostId();
            return PushOutcome.synced(push.document(), id() + "-credit-note-" + push.creditNote().hostId(), number);
        }).toList();
    }

    @Override
    public List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch) {
        return batch.stream().map(push -> {
            ledger.payment(push.remoteInvoiceId(), push.payment().amount(), push.payment().date());
            return PushOutcome.synced(push.document(), id() + "-payment-" + push.payment().hostId(), null);
        }).toList();
    }

    @Override
    public RemoteInvoiceState invoiceState(ProviderSession session, String remoteInvoiceId) {
        return ledger.state(remoteInvoiceId)
                .orElseThrow(() -> refused("invoice " + remoteInvoiceId, "no such invoice in " + descriptor.displayName()));
    }

    @Override
    public RemoteChanges changesSince(ProviderSession session, Instant since) {
        Instant watermark = clock.instant();
        return new RemoteChanges(ledger.changedSince(since), watermark);
    }

    @Override
    public boolean verify(WebhookDelivery delivery) {
        // The test provider sends no webhooks, so no delivery can be genuine.
        return false;
    }

    @Override
    public List<RemoteEvent> parse(WebhookDelivery delivery) {
        return List.of();
    }

    private String id() {
        return descriptor.id();
    }

    private TokenSet newTokens() {
        Instant now = clock.instant();
        return new TokenSet(id() + "-access-" + UUID.randomUUID(), id() + "-refresh-" + UUID.randomUUID(),
                now.plus(ACCESS_TOKEN_LIFETIME), now.plus(REFRESH_TOKEN_LIFETIME));
    }

    private static AccountingException refused(String subject, String why) {
        return new AccountingException(SyncError.of(ErrorCode.VALIDATION_FAILED, subject).withDetail(why));
    }
}
