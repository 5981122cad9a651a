package io.fieldsync.accounting.xero;

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
import io.fieldsync.accounting.api.spi.RateLimitedException;
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
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.testing.RecordingProxy;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.ContractCheck;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/** The provider against the Xero sandbox, every exchange recorded and checked against Xero's OpenAPI contract. */
class XeroProviderTest extends XeroSandboxTestBase {

    @Test
    void connectingListsTheOrganisationByNameAndTheGrantedTokensWork() {
        assertThat(session.tenantId()).isEqualTo(demo.tenantId().toString());
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(DemoOrganisation.NAME);
    }

    @Test
    void referenceDataHasRevenueAndBankAccountsAndTellsActiveTaxRatesFromArchivedOnes() {
        ReferenceData data = provider.ledger().referenceData(session);

        assertThat(data.account("200")).hasValueSatisfying(account -> {
            assertThat(account.type()).isEqualTo(AccountType.REVENUE);
            assertThat(account.active()).isTrue();
        });
        assertThat(data.account("299")).hasValueSatisfying(account -> assertThat(account.active()).isFalse());
        assertThat(data.account("090")).hasValueSatisfying(account -> assertThat(account.acceptsPayments()).isTrue());
        assertThat(data.taxRate("OUTPUT2")).hasValueSatisfying(rate -> assertThat(rate.active()).isTrue());
        assertThat(data.taxRate("OUTPUT")).hasValueSatisfying(rate -> assertThat(rate.active()).isFalse());
        assertThat(data.items()).extracting(item -> item.code()).contains("LAB-HR", "SVC-CALL");
    }

    @Test
    void customersAreMatchedByEmailThenByNameAndOtherwiseCreated() {
        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, List.of(
                customerPush(new Customer("C-1", "Liam G.", "LIAM@rockstar.com", null, null)),
                customerPush(new Customer("C-2", "  ridgeway university ", null, null, null)),
                customerPush(new Customer("C-3", "Harbour Plumbing Ltd", "office@harbour.example", "+64 9 555 0101", null))));

        assertThat(outcomes).extracting(PushOutcome::status)
                .containsExactly(OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.SYNCED);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(contactId("Liam Gallagher"));
        assertThat(outcomes.get(1).remoteId()).isEqualTo(contactId("Ridgeway University"));
        assertThat(demo.activeContactNamed("Harbour Plumbing Ltd")).isPresent();
        assertThat(demo.contacts()).hasSize(4);
        assertThat(proxy.exchanges).filteredOn(exchange -> exchange.uri().getPath().contains("/api.xro/"))
                .as("one lookup by email and name and one create for the whole batch").hasSize(2);
    }

    @Test
    void contactsAreReadPageByPageForTheImport() {
        var page = provider.ledger().contacts(session, 1);

        assertThat(page.contacts()).extracting(contact -> contact.name())
                .containsExactlyInAnyOrder("Liam Gallagher", "Ridgeway University", "Bayside Club");
        assertThat(page.contacts()).allSatisfy(contact -> assertThat(contact.active()).isTrue());
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void contactsAreReadByIdInOneCallForNameSync() {
        proxy.exchanges.clear();

        var found = provider.ledger().contactsById(session, List.of(contactId("Bayside Club"), contactId("Liam Gallagher")));

        assertThat(found).extracting(contact -> contact.name()).containsExactlyInAnyOrder("Bayside Club", "Liam Gallagher");
        assertThat(proxy.exchanges).hasSize(1);
        assertThat(proxy.exchanges.get(0).uri().getQuery()).contains("IDs=").contains("includeArchived=true");
    }

    @Test
    void eachLineIsSentAsThePushBookedItAndTheInvoiceAsThePushSettingsSayNotAsTheSessionsMappingsWould() {
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-7", "FS-1701", ProductCategory.LABOUR);
        InvoicePush mapped = invoicePush(invoice, contact);
        InvoicePush booked = new InvoicePush(mapped.document(), mapped.key(), invoice, contact, null, false, List.of(
                new BookedLine(invoice.lines().get(0), "260", List.of("OUTPUT2"), "LAB-HR"),
                new BookedLine(invoice.lines().get(1), "200", List.of("OUTPUT2"), null)), InvoiceStatusOnPush.DRAFT, false);

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(booked)).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcome.remoteNumber()).as("Xero numbered it: the push said not to keep the host's number").isNotEqualTo("FS-1701");
        assertThat(demo.invoices()).filteredOn(remote -> remote.id().toString().equals(outcome.remoteId())).singleElement().satisfies(remote -> {
            assertThat(remote.status().name()).isEqualTo("DRAFT");
            assertThat(remote.lines()).extracting(line -> line.accountCode(), line -> line.itemCode()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("260", "LAB-HR"), org.assertj.core.groups.Tuple.tuple("200", null));
        });
    }

    @Test
    void invoicesGoInOneBatchWithAnOutcomePerDocumentAndTheHostNumberKept() {
        String contact = contactId("Bayside Club");
        Invoice good = invoice("I-1", "FS-1001", ProductCategory.LABOUR);
        Invoice bad = invoice("I-2", "FS-1002", ProductCategory.LABOUR);
        // booked to an account Xero no longer has (archived or deleted after the engine last read the chart): Xero refuses
        // that invoice alone
        InvoicePush stale = invoicePush(bad, contact);
        stale = new InvoicePush(stale.document(), stale.key(), bad, contact, null, false, stale.lines().stream()
                .map(line -> new BookedLine(line.line(), "999", line.taxRates(), line.item())).toList(), stale.status(), stale.keepHostNumber());

        List<PushOutcome> outcomes = provider.documents().pushInvoices(session, List.of(invoicePush(good, contact), stale));

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcomes.get(0).remoteNumber()).isEqualTo("FS-1001");
        assertThat(outcomes.get(1).status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcomes.get(1).error().detail()).isNotBlank();
        assertThat(proxy.apiWrites()).hasSize(1).allSatisfy(write -> {
            assertThat(write.uri().getQuery()).contains("summarizeErrors=false");
            assertThat(write.requestHeaders().get("Idempotency-Key")).singleElement().asString().hasSizeLessThanOrEqualTo(128);
        });
        assertThat(demo.invoiceByNumber("ACCREC", "FS-1001")).hasValueSatisfying(invoice -> {
            assertThat(invoice.totals().total()).isEqualByComparingTo("253.00");
            assertThat(invoice.status().name()).isEqualTo("AUTHORISED");
        });
    }

    @Test
    void aDuplicateNumberOfAnotherDocumentIsDuplicateDocumentButTheSameDocumentIsLinked() {
        String contact = contactId("Bayside Club");
        PushOutcome first = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-2001", ProductCategory.LABOUR), contact))).get(0);

        // a re-sync long after the first (a new idempotency key): Xero refuses the number, the provider proves it is the same invoice
        Invoice again = invoice("I-1", "FS-2001", ProductCategory.LABOUR);
        PushOutcome same = provider.documents().pushInvoices(session, List.of(session.invoicePush(DocumentRef.invoice(ACME, "I-1"), key("I-1-next-day"),
                again, contact, null, false))).get(0);
        PushOutcome other = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-9", "FS-2001", ProductCategory.LABOUR, "7"), contact))).get(0);

        assertThat(same.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(same.remoteId()).isEqualTo(first.remoteId());
        assertThat(other.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(other.error().code()).isEqualTo(ErrorCode.DUPLICATE_DOCUMENT);
        assertThat(demo.invoices()).hasSize(1);
    }

    @Test
    void aSingleLostAnswerIsReplayedUnderTheSameIdempotencyKeyAndCreatesOneInvoice() {
        sandbox.faults().dropConnectionAfterApply(1);

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-3001", ProductCategory.LABOUR),
                contactId("Bayside Club")))).get(0);

        assertThat(outcome.status()).isIn(OutcomeStatus.SYNCED, OutcomeStatus.UNKNOWN);
        assertThat(demo.invoices()).hasSize(1);
    }

    @Test
    void anAnswerThatNeverComesIsAnUnknownOutcomeAndTheRetryFindsTheInvoiceInsteadOfCreatingASecond() throws Exception {
        String contact = contactId("Bayside Club");
        XeroProvider impatient = new XeroProvider(new XeroSettings("fs-client", "fs-secret", REDIRECT, "webhook-key",
                XeroConfiguration.GRANULAR_SCOPES, proxy.baseUrl() + "/login/identity/connect/authorize", proxy.baseUrl() + "/identity",
                proxy.baseUrl(), Duration.ofSeconds(5), Duration.ofMillis(700)), clock);
        sandbox.faults().latency(Duration.ofMillis(1500));
        Invoice invoice = invoice("I-1", "FS-3001", ProductCategory.LABOUR);

        PushOutcome lost = impatient.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0);
        assertThat(lost.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        sandbox.faults().reset();
        Thread.sleep(1500); // Xero finishes the write the client stopped waiting for

        InvoicePush retry = session.invoicePush(lost.document(), key("I-1-later"), invoice, contact, null, true);
        PushOutcome reconciled = provider.documents().pushInvoices(session, List.of(retry)).get(0);

        assertThat(reconciled.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(demo.invoices()).hasSize(1);
        impatient.deactivate();
    }

    @Test
    void anInvoiceChangedAfterSyncIsUpdatedInPlace() {
        String contact = contactId("Bayside Club");
        PushOutcome created = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-4001", ProductCategory.LABOUR), contact))).get(0);

        Invoice changed = invoice("I-1", "FS-4001", ProductCategory.LABOUR, "3");
        PushOutcome updated = provider.documents().pushInvoices(session, List.of(session.invoicePush(created.document(), key("I-1-r2"), changed,
                contact, created.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(updated.remoteId()).isEqualTo(created.remoteId());
        assertThat(demo.invoices()).singleElement().satisfies(invoice -> assertThat(invoice.totals().total()).isEqualByComparingTo("350.75"));
    }

    @Test
    void partialAndFullPaymentsGoIntoTheMappedAccountsAndAPaymentForAPaidInvoiceIsNotSent() {
        String contact = contactId("Bayside Club");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-5001", ProductCategory.LABOUR), contact)))
                .get(0).remoteId();

        List<PushOutcome> paid = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CARD, "615"),
                paymentPush("P-2", invoiceId, "153.00", PaymentMethod.CASH, "090")));
        RemoteInvoiceState afterwards = provider.ledger().invoiceState(session, invoiceId);
        PushOutcome extra = provider.documents().pushPayments(session, List.of(paymentPush("P-3", invoiceId, "10.00", PaymentMethod.CASH, "090"))).get(0);

        assertThat(paid).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(afterwards.payment().state()).isEqualTo(PaymentState.PAID);
        assertThat(afterwards.payment().amountPaid()).isEqualByComparingTo("253.00");
        assertThat(afterwards.payment().lastPaymentDate()).isEqualTo(DAY.plusDays(3));
        assertThat(extra.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(extra.note()).contains("already paid");
        assertThat(demo.payments()).hasSize(2);
    }

    @Test
    void aPartlyPaidInvoiceReadsAsPartlyPaid() {
        String contact = contactId("Bayside Club");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-5101", ProductCategory.LABOUR), contact)))
                .get(0).remoteId();
        provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "53.00", PaymentMethod.CASH, "090")));

        RemoteInvoiceState state = provider.ledger().invoiceState(session, invoiceId);

        assertThat(state.payment().state()).isEqualTo(PaymentState.PARTIALLY_PAID);
        assertThat(state.payment().amountDue()).isEqualByComparingTo("200.00");
        assertThat(provider.ledger().changesSince(session, Instant.parse("2026-11-01T00:00:00Z")).invoices())
                .extracting(RemoteInvoiceState::remoteId).contains(invoiceId);
    }

    @Test
    void aCancellationIsACreditNoteAllocatedAgainstTheInvoice() {
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-1", "FS-6001", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE,
                "CN-1"), key("CN-1"), CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), "job cancelled"), contact, invoiceId, false))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).contains("allocated 253.00");
        RemoteInvoiceState state = provider.ledger().invoiceState(session, invoiceId);
        assertThat(state.payment().amountDue()).isEqualByComparingTo("0.00");
        assertThat(state.payment().amountCredited()).isEqualByComparingTo("253.00");
    }



    @Test
    void aCancelledInvoiceThatIsStillADraftIsDeletedInsteadOfCredited() {
        session.settings = new SyncSettings(InvoiceStatusOnPush.DRAFT, true, false);
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-1", "FS-7001", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();

        PushOutcome cancelled = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE,
                "CN-1"), key("CN-1"), CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), null), contact, invoiceId, false))).get(0);

        assertThat(cancelled.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(cancelled.note()).contains("deleted");
        assertThat(demo.creditNotes()).isEmpty();
        assertThat(demo.invoices()).singleElement().satisfies(remote -> assertThat(remote.status().name()).isEqualTo("DELETED"));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallRetried() {
        sandbox.clock().advance(Duration.ofMinutes(31));

        ReferenceData data = provider.ledger().referenceData(session);

        assertThat(data.organisationName()).isEqualTo(DemoOrganisation.NAME);
        assertThat(session.refreshes).isEqualTo(1);
    }

    @Test
    void aRevokedConnectionIsConnectionExpired() {
        sandbox.revokeAccess();

        assertThatThrownBy(() -> provider.ledger().referenceData(session))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
    }

    @Test
    void disconnectingRevokesTheRefreshTokenSoItCanNeverBeUsedAgain() {
        provider.authorization().revoke(session.tokens);

        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOne() {
        var rotated = provider.authorization().refresh(session.tokens);

        assertThat(rotated.refreshToken()).isNotEqualTo(session.tokens.refreshToken());
        session.tokens = rotated;
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(DemoOrganisation.NAME);
    }

    @Test
    void aRateLimitIsReportedWithTheLimitNamedAndTheWait() {
        sandbox.faults().tooManyRequests(1, Duration.ofSeconds(42));

        assertThatThrownBy(() -> provider.ledger().referenceData(session))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
                    assertThat(e.limit()).isNotNull();
                });
    }

    @Test
    void everyCallIsLoggedAndItsLimitHeadersReported() {
        provider.ledger().referenceData(session);

        assertThat(session.calls).extracting(call -> call.operation())
                .containsExactly("GET /Organisation", "GET /Accounts", "GET /TaxRates", "GET /Items");
        assertThat(session.calls).allSatisfy(call -> assertThat(call.httpStatus()).isEqualTo(200));
        assertThat(session.limits).isNotEmpty().allSatisfy(limits -> assertThat(limits.minuteRemaining()).isNotNull());
        assertThat(session.limits.get(session.limits.size() - 1).minuteRemaining()).isLessThan(session.limits.get(0).minuteRemaining());
    }

}
