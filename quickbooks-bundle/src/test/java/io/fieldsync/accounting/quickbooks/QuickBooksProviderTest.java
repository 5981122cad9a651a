package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.RateLimitedException;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.contract.QboContractCheck;
import io.fieldsync.accounting.sandbox.qbo.control.QboInvoiceSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.testing.RecordingProxy;

/**
 * The provider against the QBO sandbox, every exchange recorded by a proxy so that the tests can count the HTTP
 * calls each operation takes and check what was sent against Intuit's XSDs.
 */
class QuickBooksProviderTest {

    static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";
    static final CompanyId ACME = CompanyId.of("acme");
    static final Currency AUD = Currency.getInstance("AUD");
    static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    static final String COMPANY = "Acme Plumbing (AU)";

    QboSandbox sandbox;
    SandboxRealm realm;
    RecordingProxy proxy;
    QuickBooksProvider provider;
    TestSession session;

    @BeforeEach
    void connect() throws Exception {
        SandboxClock clock = SandboxClock.startingAt(Instant.parse("2026-11-02T09:00:00Z"));
        sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient("fs-client", "fs-secret").withRedirectUris(List.of(REDIRECT)), clock)
                .start(0);
        realm = sandbox.seedDemoCompany(COMPANY);
        proxy = new RecordingProxy(sandbox.baseUrl());
        provider = provider(Duration.ofSeconds(5));
        AuthorizationGrant grant = provider.exchangeCode(consent(provider.authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));
        session = new TestSession(provider, grant.tokens(), grant.organisations().get(0).tenantId(), mappings());
        proxy.exchanges.clear();
    }

    @AfterEach
    void contractHolds() {
        List<String> violations = contractViolations(proxy.exchanges);
        provider.deactivate();
        proxy.close();
        sandbox.close();
        assertThat(violations).as("requests and responses that break Intuit's XSD contract").isEmpty();
    }

    /** The one place where Intuit's contract is checked: the sandbox test-jar's XSD check, on when qbo.xsd.dir is set. */
    static List<String> contractViolations(List<Exchange> exchanges) {
        return QboContractCheck.ifEnabled().map(check -> check.violations(exchanges)).orElse(List.of());
    }

    QuickBooksProvider provider(Duration readTimeout) {
        String base = proxy.baseUrl();
        return new QuickBooksProvider(new QuickBooksSettings("fs-client", "fs-secret", REDIRECT, sandbox.verifierToken(),
                QuickBooksConfiguration.ACCOUNTING_SCOPE, base + "/connect/oauth2", base + "/oauth2/v1/tokens/bearer",
                base + "/v2/oauth2/tokens/revoke", base, 75, Duration.ofSeconds(5), readTimeout), Clock.systemUTC());
    }

    // ---- connection and reference data

    @Test
    void connectingNamesTheCompanyFromItsCompanyInfoAndTheRealmIsTheTenant() {
        assertThat(session.tenantId()).isEqualTo(realm.realmId());
        assertThat(provider.referenceData(session).organisationName()).isEqualTo(COMPANY);
    }

    @Test
    void referenceDataIsOneBatchCallWithAccountsTaxCodesWithRatesAndItems() {
        ReferenceData data = provider.referenceData(session);

        assertThat(apiCalls()).as("company, accounts, tax codes, tax rates and items in one batch").hasSize(1);
        assertThat(data.account("4100")).hasValueSatisfying(account -> assertThat(account.type()).isEqualTo(AccountType.REVENUE));
        assertThat(data.account("1250")).hasValueSatisfying(account -> {
            assertThat(account.type()).isEqualTo(AccountType.UNDEPOSITED_FUNDS);
            assertThat(account.acceptsPayments()).isTrue();
        });
        assertThat(data.account("1100")).hasValueSatisfying(account -> assertThat(account.acceptsPayments()).isTrue());
        assertThat(data.taxRate("10")).hasValueSatisfying(rate -> {
            assertThat(rate.name()).isEqualTo("GST");
            assertThat(rate.ratePercent()).isEqualByComparingTo("10");
            assertThat(rate.active()).isTrue();
        });
        assertThat(data.taxRate("11")).hasValueSatisfying(rate -> assertThat(rate.ratePercent()).isEqualByComparingTo("0"));
        assertThat(data.items()).extracting(item -> item.name()).contains("Services", "Hours");
        assertThat(exchangesTo("/batch")).allSatisfy(exchange -> assertThat(exchange.uri().getQuery()).contains("minorversion=75"));
    }

    @Test
    void contactsAreReadPageByPageForTheImport() {
        var page = provider.contacts(session, 1);

        assertThat(page.contacts()).extracting(contact -> contact.name())
                .contains("Harbour Plumbing Pty Ltd", "Liam Gallagher", "Northside Electrical");
        assertThat(page.hasMore()).isFalse();
        assertThat(exchangesTo("/query")).singleElement().satisfies(exchange -> assertThat(exchange.uri().getQuery()).contains("startposition 1"));
    }

    @Test
    void customersAreReadByIdInOneBatchCallForNameSync() {
        String liam = customerId("Liam Gallagher");
        String northside = customerId("Northside Electrical");
        proxy.exchanges.clear();

        var found = provider.contactsById(session, List.of(liam, northside, liam));

        assertThat(found).extracting(contact -> contact.name()).containsExactlyInAnyOrder("Liam Gallagher", "Northside Electrical");
        assertThat(proxy.exchanges).singleElement().satisfies(exchange -> assertThat(exchange.uri().getPath()).endsWith("/batch"));
    }

    // ---- customers

    @Test
    void customersAreMatchedByEmailThenByNameAndOtherwiseCreatedInTwoCalls() {
        List<PushOutcome> outcomes = provider.pushCustomers(session, List.of(
                customerPush(new Customer("C-1", "Harbour Plumbing", "ACCOUNTS@harbourplumbing.example", null, null)),
                customerPush(new Customer("C-2", "  liam gallagher ", null, null, null)),
                customerPush(new Customer("C-3", "Bayside Club", "secretary@bayside.example", "+61 2 5550 1234", null))));

        assertThat(outcomes).extracting(PushOutcome::status)
                .containsExactlyInAnyOrder(OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.SYNCED);
        assertThat(sandbox.counts(realm.realmId()).customers()).isEqualTo(4);
        assertThat(apiCalls()).as("one batch of lookups, one batch of creations").hasSize(2);
    }

    @Test
    void aDuplicateNameHeldByTheSameInactiveCustomerIsMatchedAndMadeActiveNotFailed() throws Exception {
        String id = provider.pushCustomers(session, List.of(customerPush(new Customer("C-1", "Bayside Club", "secretary@bayside.example",
                null, null)))).get(0).remoteId();
        deactivateCustomer(id);

        PushOutcome again = provider.pushCustomers(session, List.of(new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, "C-1"),
                key("C-1-again"), new Customer("C-1", "Bayside Club", "secretary@bayside.example", null, null), null))).get(0);

        assertThat(again.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(again.remoteId()).isEqualTo(id);
        assertThat(again.note()).contains("active again");
    }

    // ---- invoices

    @Test
    void thirtyFiveInvoicesGoInTwoBatchCallsWithTheHostNumbersKept() {
        String customer = customerId("Northside Electrical");
        List<InvoicePush> pushes = new ArrayList<>();
        for (int i = 1; i <= 35; i++) {
            pushes.add(invoicePush(invoice("I-" + i, "FS-" + (1000 + i), ProductCategory.LABOUR), customer));
        }
        provider.pushInvoices(session, List.of(invoicePush(invoice("I-0", "FS-1000", ProductCategory.LABOUR), customer)));
        proxy.exchanges.clear();

        List<PushOutcome> outcomes = provider.pushInvoices(session, pushes);

        assertThat(outcomes).hasSize(35).allSatisfy(outcome -> assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED));
        assertThat(outcomes).extracting(PushOutcome::remoteNumber).contains("FS-1001", "FS-1035");
        assertThat(apiCalls()).as("lists cached by the first push: 30 + 5 invoices in two batch calls").hasSize(2);
        assertThat(exchangesTo("/batch")).allSatisfy(exchange -> assertThat(requestId(exchange)).hasSizeLessThanOrEqualTo(36));
        assertThat(sandbox.invoice(realm.realmId(), "FS-1001")).hasValueSatisfying(invoice -> {
            assertThat(invoice.totalAmt()).isEqualByComparingTo("242.00");
            assertThat(invoice.totalTax()).isEqualByComparingTo("22.00");
        });
    }

    @Test
    void theFirstInvoiceOfACompanyReadsItsListsAndCreatesAnItemPerCategoryOnce() {
        String customer = customerId("Northside Electrical");
        proxy.exchanges.clear();

        provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-1001", ProductCategory.LABOUR), customer)));
        int firstCalls = apiCalls().size();
        proxy.exchanges.clear();
        QuickBooksProvider restarted = provider(Duration.ofSeconds(5));
        restarted.pushInvoices(session, List.of(invoicePush(invoice("I-2", "FS-1002", ProductCategory.LABOUR), customer)));

        assertThat(firstCalls).as("lists, items for Labour (4100) and Materials (4200), the invoice").isEqualTo(3);
        assertThat(apiCalls()).as("after a restart: lists (items found by name and account), the invoice").hasSize(2);
        assertThat(provider.referenceData(session).items()).extracting(item -> item.name()).contains("Labour", "Materials")
                .filteredOn(name -> name.startsWith("Labour")).hasSize(1);
        restarted.deactivate();
    }

    @Test
    void whenHostNumbersAreNotKeptQuickBooksNumbersTheInvoice() {
        session.settings = new SyncSettings(InvoiceStatusOnPush.APPROVED, false, false);

        PushOutcome outcome = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-1001", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcome.remoteNumber()).isNotEqualTo("FS-1001");
        assertThat(sandbox.invoice(realm.realmId(), "FS-1001")).isEmpty();
    }

    @Test
    void aNumberLongerThanQuickBooksAllowsIsATypedErrorNamingTheLimit() {
        PushOutcome outcome = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-2026-11-000000001234",
                ProductCategory.LABOUR), customerId("Northside Electrical")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcome.error().message()).contains("21 characters");
    }

    @Test
    void aDuplicateNumberOfTheSameInvoiceIsLinkedAndOfAnotherIsDuplicateDocument() {
        String customer = customerId("Northside Electrical");
        PushOutcome first = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-2001", ProductCategory.LABOUR), customer))).get(0);

        PushOutcome same = provider.pushInvoices(session, List.of(new InvoicePush(DocumentRef.invoice(ACME, "I-1"), key("I-1-next-day"),
                invoice("I-1", "FS-2001", ProductCategory.LABOUR), customer, null, false))).get(0);
        PushOutcome other = provider.pushInvoices(session, List.of(invoicePush(invoice("I-9", "FS-2001", ProductCategory.LABOUR, "7"),
                customer))).get(0);

        assertThat(same.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(same.remoteId()).isEqualTo(first.remoteId());
        assertThat(other.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(other.error().code()).isEqualTo(ErrorCode.DUPLICATE_DOCUMENT);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(1);
    }

    @Test
    void anAnswerThatNeverComesIsAnUnknownOutcomeAndTheReconcilingRetryFindsTheInvoiceByItsMark() throws Exception {
        session.settings = new SyncSettings(InvoiceStatusOnPush.APPROVED, false, false);
        String customer = customerId("Northside Electrical");
        Invoice invoice = invoice("I-1", null, ProductCategory.LABOUR);
        QuickBooksProvider impatient = provider(Duration.ofMillis(700));
        impatient.pushInvoices(session, List.of(invoicePush(invoice("I-0", null, ProductCategory.LABOUR), customer)));
        sandbox.faults().latency(Duration.ofMillis(1500));

        PushOutcome lost = impatient.pushInvoices(session, List.of(invoicePush(invoice, customer))).get(0);
        sandbox.faults().reset();
        Thread.sleep(1500); // QBO finishes the write the client stopped waiting for
        InvoicePush retry = new InvoicePush(lost.document(), key("I-1-later"), invoice, customer, null, true);
        PushOutcome reconciled = provider.pushInvoices(session, List.of(retry)).get(0);

        assertThat(lost.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(reconciled.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(2);
        impatient.deactivate();
    }

    @Test
    void aDroppedAnswerIsReplayedByItsRequestIdAndTheSameBatchSentAgainCreatesNothing() {
        String customer = customerId("Northside Electrical");
        InvoicePush push = invoicePush(invoice("I-1", "FS-3101", ProductCategory.LABOUR), customer);
        provider.pushInvoices(session, List.of(invoicePush(invoice("I-0", "FS-3100", ProductCategory.LABOUR), customer)));
        sandbox.dropConnectionAfterApply(1);

        // the JDK connection resends a POST whose connection dropped; QBO replays it by requestid, so either outcome is safe
        PushOutcome dropped = provider.pushInvoices(session, List.of(push)).get(0);
        PushOutcome resent = provider.pushInvoices(session, List.of(push)).get(0);

        assertThat(dropped.status()).isIn(OutcomeStatus.SYNCED, OutcomeStatus.UNKNOWN);
        assertThat(resent.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(2);
        List<Exchange> writes = exchangesTo("/batch").stream().filter(exchange -> exchange.requestBody().contains("FS-3101")).toList();
        assertThat(writes).hasSizeGreaterThanOrEqualTo(1).extracting(QuickBooksProviderTest::requestId).containsOnly(requestId(writes.get(0)));
    }

    @Test
    void anInvoiceChangedAfterSyncIsUpdatedInPlaceWithItsSyncToken() {
        String customer = customerId("Northside Electrical");
        PushOutcome created = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-4001", ProductCategory.LABOUR), customer))).get(0);

        PushOutcome updated = provider.pushInvoices(session, List.of(new InvoicePush(created.document(), key("I-1-r2"),
                invoice("I-1", "FS-4001", ProductCategory.LABOUR, "3"), customer, created.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(updated.remoteId()).isEqualTo(created.remoteId());
        assertThat(sandbox.invoices(realm.realmId())).singleElement()
                .satisfies(invoice -> assertThat(invoice.totalAmt()).isEqualByComparingTo("335.50"));
    }

    @Test
    void aPaidInvoiceIsNotChangedAndTheErrorSaysWhy() {
        String customer = customerId("Northside Electrical");
        PushOutcome created = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-4101", ProductCategory.LABOUR), customer))).get(0);
        sandbox.enterPayment(realm.realmId(), "FS-4101", new BigDecimal("242.00"), DAY);

        PushOutcome updated = provider.pushInvoices(session, List.of(new InvoicePush(created.document(), key("I-1-r2"),
                invoice("I-1", "FS-4101", ProductCategory.LABOUR, "3"), customer, created.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(updated.error().message()).contains("payments");
    }

    @Test
    void anUnmappedCategoryAndAnUnmappedTaxRateAreMappingErrorsNamingWhatToMap() {
        String customer = customerId("Northside Electrical");
        Invoice noTax = new Invoice("I-2", "FS-5002", customer("C-N"), DAY, DAY.plusDays(14), AUD, null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("Call-out", BigDecimal.ONE, new BigDecimal("90.00"), ProductCategory.LABOUR, List.of("PST"))), null);

        List<PushOutcome> outcomes = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-5001", "Unmapped"), customer),
                invoicePush(noTax, customer)));

        assertThat(outcomes.get(0).error().code()).isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(outcomes.get(0).error().message()).contains("Unmapped");
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(outcomes.get(1).error().message()).contains("PST");
        assertThat(sandbox.counts(realm.realmId()).invoices()).isZero();
    }

    @Test
    void anItemMappedToAnUnknownIdIsRefusedByQuickBooksAsAMappingError() {
        session.mappings = new Mappings(Map.of(), Map.of(ProductCategory.LABOUR, "999", ProductCategory.MATERIALS, "1"),
                Map.of("GST", "10"), null, null, "1250", Map.of());

        PushOutcome outcome = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-5101", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(outcome.error().detail()).contains("2500");
    }

    // ---- credit notes

    @Test
    void aFullAndAPartialCreditAreAppliedToTheirInvoicesWithAZeroPayment() {
        String customer = customerId("Northside Electrical");
        Invoice full = invoice("I-1", "FS-6001", ProductCategory.LABOUR);
        Invoice partial = invoice("I-2", "FS-6002", ProductCategory.LABOUR);
        List<PushOutcome> invoices = provider.pushInvoices(session, List.of(invoicePush(full, customer), invoicePush(partial, customer)));
        CreditNote refund = new CreditNote("CN-2", "I-2", "CN-2", DAY.plusDays(1), AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Copper fittings returned", new BigDecimal("2"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                false, "returned");
        proxy.exchanges.clear();

        List<PushOutcome> credited = provider.pushCreditNotes(session, List.of(
                creditPush(CreditNote.cancelling(full, "CN-1", DAY.plusDays(1), "job cancelled"), customer, invoices.get(0).remoteId()),
                creditPush(refund, customer, invoices.get(1).remoteId())));

        assertThat(credited).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
            assertThat(outcome.note()).startsWith("applied");
        });
        assertThat(apiCalls()).as("read invoices, create memos, apply memos").hasSize(3);
        assertThat(balance("FS-6001")).isEqualByComparingTo("0.00");
        assertThat(balance("FS-6002")).isEqualByComparingTo("214.50");
        RemoteInvoiceState state = provider.invoiceState(session, invoices.get(0).remoteId());
        assertThat(state.payment().amountCredited()).isEqualByComparingTo("242.00");
        assertThat(state.payment().amountPaid()).isEqualByComparingTo("0.00");
    }

    @Test
    void aCreditNoteResentAfterAnUnknownOutcomeIsNeitherCreatedNorAppliedTwice() {
        String customer = customerId("Northside Electrical");
        Invoice invoice = invoice("I-1", "FS-6101", ProductCategory.LABOUR);
        String invoiceId = provider.pushInvoices(session, List.of(invoicePush(invoice, customer))).get(0).remoteId();
        CreditNote cancel = CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), null);
        PushOutcome first = provider.pushCreditNotes(session, List.of(creditPush(cancel, customer, invoiceId))).get(0);

        PushOutcome resent = provider.pushCreditNotes(session, List.of(new CreditNotePush(first.document(), key("CN-1-again"), cancel,
                customer, invoiceId, true))).get(0);

        assertThat(resent.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(resent.remoteId()).isEqualTo(first.remoteId());
        assertThat(resent.note()).contains("already applied");
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(1);
        assertThat(balance("FS-6101")).isEqualByComparingTo("0.00");
    }

    // ---- payments

    @Test
    void partialAndFullPaymentsGoIntoTheMappedAccountsAndAPaymentForAPaidInvoiceIsNotSent() {
        String customer = customerId("Northside Electrical");
        String invoiceId = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7001", ProductCategory.LABOUR), customer)))
                .get(0).remoteId();
        proxy.exchanges.clear();

        List<PushOutcome> paid = provider.pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CARD, "1100"),
                paymentPush("P-2", invoiceId, "142.00", PaymentMethod.CASH, "1250")));
        int paymentCalls = apiCalls().size();
        RemoteInvoiceState afterwards = provider.invoiceState(session, invoiceId);
        PushOutcome extra = provider.pushPayments(session, List.of(paymentPush("P-3", invoiceId, "10.00", PaymentMethod.CASH, "1250"))).get(0);

        assertThat(paid).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(paymentCalls).as("invoices read, payments created (lists cached by the invoice push)").isEqualTo(2);
        assertThat(afterwards.payment().state()).isEqualTo(PaymentState.PAID);
        assertThat(afterwards.payment().amountPaid()).isEqualByComparingTo("242.00");
        assertThat(afterwards.payment().lastPaymentDate()).isEqualTo(DAY.plusDays(3));
        assertThat(extra.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(extra.note()).contains("already paid");
        assertThat(sandbox.payments(realm.realmId())).hasSize(2).anySatisfy(payment -> assertThat(payment.depositAccount()).isEqualTo("5"))
                .anySatisfy(payment -> assertThat(payment.depositAccount()).isEqualTo("4"));
    }

    @Test
    void aPaymentAboveWhatTheInvoiceOwesIsATypedErrorWithTheNumbers() {
        String invoiceId = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7101", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0).remoteId();

        PushOutcome outcome = provider.pushPayments(session, List.of(paymentPush("P-1", invoiceId, "300.00", PaymentMethod.CASH, "1250"))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcome.error().message()).contains("300.00").contains("242.00");
        assertThat(sandbox.payments(realm.realmId())).isEmpty();
    }

    @Test
    void aPaymentResentUnderANewKeyAfterAnUnknownOutcomeIsFoundByItsMarkAndNotSentTwice() {
        String invoiceId = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7201", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0).remoteId();
        PushOutcome first = provider.pushPayments(session, List.of(paymentPush("P-1", invoiceId, "50.00", PaymentMethod.CASH, "1250"))).get(0);

        Payment payment = new Payment("P-1", "I-1", new BigDecimal("50.00"), DAY.plusDays(3), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome retried = provider.pushPayments(session, List.of(new PaymentPush(DocumentRef.payment(ACME, "P-1"), key("P-1-later"),
                payment, invoiceId, null, "1250", true))).get(0);

        assertThat(retried.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(retried.remoteId()).isEqualTo(first.remoteId());
        assertThat(sandbox.payments(realm.realmId())).hasSize(1);
    }

    // ---- payment state and changes

    @Test
    void invoiceStatesOfManyInvoicesAreReadInOneCallAndTheirPaymentsInOneMore() {
        String customer = customerId("Northside Electrical");
        List<String> ids = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-8001", ProductCategory.LABOUR), customer),
                invoicePush(invoice("I-2", "FS-8002", ProductCategory.LABOUR), customer),
                invoicePush(invoice("I-3", "FS-8003", ProductCategory.LABOUR), customer))).stream().map(PushOutcome::remoteId).toList();
        sandbox.enterPayment(realm.realmId(), "FS-8002", new BigDecimal("42.00"), DAY.plusDays(5));
        proxy.exchanges.clear();

        List<RemoteInvoiceState> states = provider.invoiceStates(session, ids);

        assertThat(states).extracting(state -> state.payment().state())
                .containsExactlyInAnyOrder(PaymentState.UNPAID, PaymentState.PARTIALLY_PAID, PaymentState.UNPAID);
        assertThat(states).filteredOn(state -> state.number().equals("FS-8002")).singleElement().satisfies(state -> {
            assertThat(state.payment().amountDue()).isEqualByComparingTo("200.00");
            assertThat(state.payment().lastPaymentDate()).isEqualTo(DAY.plusDays(5));
        });
        assertThat(apiCalls()).as("the invoices in one batch of queries, their payments in one more").hasSize(2);
    }

    @Test
    void changesSinceReadsChangedInvoicesByChangeDataCaptureAndClampsToThirtyDays() {
        String customer = customerId("Northside Electrical");
        String id = provider.pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-9001", ProductCategory.LABOUR), customer))).get(0).remoteId();
        sandbox.enterPayment(realm.realmId(), "FS-9001", new BigDecimal("242.00"), DAY);
        proxy.exchanges.clear();

        RemoteChanges changes = provider.changesSince(session, Instant.now().minus(Duration.ofDays(90)));

        assertThat(changes.invoices()).filteredOn(state -> state.remoteId().equals(id)).singleElement()
                .satisfies(state -> assertThat(state.payment().state()).isEqualTo(PaymentState.PAID));
        assertThat(exchangesTo("/cdc")).singleElement().satisfies(exchange -> assertThat(exchange.status()).isEqualTo(200));
    }

    // ---- errors of the whole call

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallRetried() {
        sandbox.advanceClock(Duration.ofMinutes(61));

        assertThat(provider.referenceData(session).organisationName()).isEqualTo(COMPANY);
        assertThat(session.refreshes).isEqualTo(1);
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOne() {
        var rotated = provider.refresh(session.tokens);

        assertThat(rotated.refreshToken()).isNotEqualTo(session.tokens.refreshToken());
        assertThat(exchangesTo("/tokens/bearer")).singleElement()
                .satisfies(exchange -> assertThat(exchange.requestHeaders().get("x-include-refresh-token-hard-expires-in")).containsExactly("true"));
        session.tokens = rotated;
        assertThat(provider.referenceData(session).organisationName()).isEqualTo(COMPANY);
    }

    @Test
    void aRevokedConnectionIsConnectionExpiredAndARevokedRefreshTokenToo() {
        provider.revoke(session.tokens);

        assertThatThrownBy(() -> provider.refresh(session.tokens))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
        assertThatThrownBy(() -> provider.referenceData(session))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
    }

    @Test
    void aThrottledCallIsRateLimitedWithABackoffSinceQuickBooksSendsNoRetryAfter() {
        sandbox.throttleNext(1);

        assertThatThrownBy(() -> provider.referenceData(session)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(QuickBooksHttp.THROTTLE_BACKOFF);
            assertThat(e.limit()).isNotBlank();
        });
    }

    @Test
    void everyCallIsLoggedWithoutSecrets() {
        provider.referenceData(session);

        assertThat(session.calls).extracting(call -> call.operation()).containsExactly("POST /batch");
        assertThat(session.calls).allSatisfy(call -> assertThat(call.httpStatus()).isEqualTo(200));
    }

    // ---- helpers

    List<Exchange> apiCalls() {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().startsWith("/v3/company/")).toList();
    }

    List<Exchange> exchangesTo(String pathEnd) {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().endsWith(pathEnd)).toList();
    }

    static String requestId(Exchange exchange) {
        for (String pair : exchange.uri().getRawQuery().split("&")) {
            if (pair.startsWith("requestid=")) {
                return pair.substring("requestid=".length());
            }
        }
        return "";
    }

    BigDecimal balance(String docNumber) {
        return sandbox.invoice(realm.realmId(), docNumber).map(QboInvoiceSnapshot::balance).orElseThrow();
    }

    static Map<String, String> consent(URI authorizationUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        URI back = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(parameters).containsEntry("state", "state-1").containsKey("realmId");
        return parameters;
    }

    void deactivateCustomer(String id) throws Exception {
        String base = sandbox.apiUrl() + "/v3/company/" + realm.realmId();
        HttpClient client = HttpClient.newHttpClient();
        String read = client.send(HttpRequest.newBuilder(URI.create(base + "/customer/" + id + "?minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String syncToken = QuickBooksApi.JSON.readTree(read).path("Customer").path("SyncToken").asText();
        HttpResponse<String> update = client.send(HttpRequest.newBuilder(URI.create(base + "/customer?minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"" + id + "\",\"SyncToken\":\"" + syncToken
                        + "\",\"sparse\":true,\"Active\":false}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    }

    static Mappings mappings() {
        return new Mappings(Map.of(ProductCategory.LABOUR, "4100", ProductCategory.MATERIALS, "4200"), Map.of(),
                Map.of("GST", "10"), null, null, "1250", Map.of(PaymentMethod.CARD, "1100"));
    }

    String customerId(String name) {
        return provider.contacts(session, 1).contacts().stream().filter(contact -> contact.name().equals(name)).findFirst().orElseThrow().remoteId();
    }

    static IdempotencyKey key(String what) {
        return IdempotencyKey.derive("test", what);
    }

    static CustomerPush customerPush(Customer customer) {
        return new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, customer.hostId()), key(customer.hostId()), customer, null);
    }

    static Customer customer(String hostId) {
        return new Customer(hostId, "Northside Electrical", "accounts@northside.example", null, null);
    }

    static Invoice invoice(String hostId, String number, String labourCategory) {
        return invoice(hostId, number, labourCategory, "2");
    }

    /** Labour hours at 85.00 plus 4 × 12.50 materials, GST 10% on top: 2 h → 220.00 + 22.00 tax = 242.00. */
    static Invoice invoice(String hostId, String number, String labourCategory, String hours) {
        return new Invoice(hostId, number, customer("C-N"), DAY, DAY.plusDays(14), AUD, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Labour", new BigDecimal(hours), new BigDecimal("85.00"), labourCategory, List.of("GST")),
                InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                "JOB-" + hostId);
    }

    static InvoicePush invoicePush(Invoice invoice, String customerId) {
        return new InvoicePush(DocumentRef.invoice(ACME, invoice.hostId()), key(invoice.hostId() + invoice.linesTotal()), invoice,
                customerId, null, false);
    }

    static CreditNotePush creditPush(CreditNote note, String customerId, String invoiceId) {
        return new CreditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, note.hostId()), key(note.hostId()), note, customerId,
                invoiceId, false);
    }

    static PaymentPush paymentPush(String hostId, String invoiceId, String amount, PaymentMethod method, String account) {
        Payment payment = new Payment(hostId, "I-1", new BigDecimal(amount), DAY.plusDays(3), method, "ref-" + hostId, AUD, null);
        return new PaymentPush(DocumentRef.payment(ACME, hostId), key(hostId), payment, invoiceId, null, account, false);
    }
}
