package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.sandbox.testing.Exchange;

/** Customers and invoices pushed to the QBO sandbox: matching, batching, numbers, reconciliation, updates, mapping errors. */
class QuickBooksInvoicesTest extends QboSandboxTestBase {

    // ---- customers

    @Test
    void customersAreMatchedByEmailThenByNameAndOtherwiseCreatedInTwoCalls() {
        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, List.of(
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
        String id = provider.documents().pushCustomers(session, List.of(customerPush(new Customer("C-1", "Bayside Club", "secretary@bayside.example",
                null, null)))).get(0).remoteId();
        deactivateCustomer(id);

        PushOutcome again = provider.documents().pushCustomers(session, List.of(new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, "C-1"),
                key("C-1-again"), new Customer("C-1", "Bayside Club", "secretary@bayside.example", null, null), null))).get(0);

        assertThat(again.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(again.remoteId()).isEqualTo(id);
        assertThat(again.note()).contains("active again");
    }

    @Test
    void aReactivationWhoseAnswerWasLostIsAnUnknownOutcomeAndTheNextAttemptFindsTheCustomerActive() throws Exception {
        Customer bayside = new Customer("C-1", "Bayside Club", "secretary@bayside.example", null, null);
        String id = provider.documents().pushCustomers(session, List.of(customerPush(bayside))).get(0).remoteId();
        deactivateCustomer(id);
        int customers = sandbox.counts(realm.realmId()).customers();
        // the reactivation is applied and its answer lost, and so is the JDK's own resend of it
        proxy.dropAnswerFor("POST", "/batch", "\"operation\":\"update\",\"Customer\"", 2);

        PushOutcome lost = provider.documents().pushCustomers(session, List.of(new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, "C-1"),
                key("C-1-again"), bayside, null))).get(0);
        PushOutcome found = provider.documents().pushCustomers(session, List.of(new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, "C-1"),
                key("C-1-third"), bayside, null))).get(0);

        assertThat(lost.status()).as(lost.toString()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(found.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(found.remoteId()).isEqualTo(id);
        assertThat(sandbox.counts(realm.realmId()).customers()).as("no second Bayside Club").isEqualTo(customers);
    }

    // ---- invoices

    @Test
    void thirtyFiveInvoicesGoInTwoBatchCallsWithTheHostNumbersKept() {
        String customer = customerId("Northside Electrical");
        List<InvoicePush> pushes = new ArrayList<>();
        for (int i = 1; i <= 35; i++) {
            pushes.add(invoicePush(invoice("I-" + i, "FS-" + (1000 + i), ProductCategory.LABOUR), customer));
        }
        provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-0", "FS-1000", ProductCategory.LABOUR), customer)));
        proxy.exchanges.clear();

        List<PushOutcome> outcomes = provider.documents().pushInvoices(session, pushes);

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

        provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-1001", ProductCategory.LABOUR), customer)));
        int firstCalls = apiCalls().size();
        proxy.exchanges.clear();
        QuickBooksProvider restarted = provider(Duration.ofSeconds(5));
        restarted.documents().pushInvoices(session, List.of(invoicePush(invoice("I-2", "FS-1002", ProductCategory.LABOUR), customer)));

        assertThat(firstCalls).as("lists, items for Labour (4100) and Materials (4200), the invoice").isEqualTo(3);
        assertThat(apiCalls()).as("after a restart: lists (items found by name and account), the invoice").hasSize(2);
        assertThat(provider.ledger().referenceData(session).items()).extracting(item -> item.name()).contains("Labour", "Materials")
                .filteredOn(name -> name.startsWith("Labour")).hasSize(1);
        restarted.deactivate();
    }

    @Test
    void whenHostNumbersAreNotKeptQuickBooksNumbersTheInvoice() {
        session.settings = new SyncSettings(InvoiceStatusOnPush.APPROVED, false, false);

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-1001", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcome.remoteNumber()).isNotEqualTo("FS-1001");
        assertThat(sandbox.invoice(realm.realmId(), "FS-1001")).isEmpty();
    }

    @Test
    void aNumberLongerThanQuickBooksAllowsIsATypedErrorNamingTheLimit() {
        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-2026-11-000000001234",
                ProductCategory.LABOUR), customerId("Northside Electrical")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcome.error().message()).contains("21 characters");
    }

    @Test
    void aDuplicateNumberOfTheSameInvoiceIsLinkedAndOfAnotherIsDuplicateDocument() {
        String customer = customerId("Northside Electrical");
        PushOutcome first = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-2001", ProductCategory.LABOUR), customer))).get(0);

        PushOutcome same = provider.documents().pushInvoices(session, List.of(session.invoicePush(DocumentRef.invoice(ACME, "I-1"), key("I-1-next-day"),
                invoice("I-1", "FS-2001", ProductCategory.LABOUR), customer, null, false))).get(0);
        PushOutcome other = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-9", "FS-2001", ProductCategory.LABOUR, "7"),
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
        impatient.documents().pushInvoices(session, List.of(invoicePush(invoice("I-0", null, ProductCategory.LABOUR), customer)));
        sandbox.faults().latency(Duration.ofMillis(1500));

        PushOutcome lost = impatient.documents().pushInvoices(session, List.of(invoicePush(invoice, customer))).get(0);
        sandbox.faults().reset();
        Thread.sleep(1500); // QBO finishes the write the client stopped waiting for
        InvoicePush retry = session.invoicePush(lost.document(), key("I-1-later"), invoice, customer, null, true);
        PushOutcome reconciled = provider.documents().pushInvoices(session, List.of(retry)).get(0);

        assertThat(lost.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(reconciled.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(2);
        impatient.deactivate();
    }

    @Test
    void aDroppedAnswerIsReplayedByItsRequestIdAndTheSameBatchSentAgainCreatesNothing() {
        String customer = customerId("Northside Electrical");
        InvoicePush push = invoicePush(invoice("I-1", "FS-3101", ProductCategory.LABOUR), customer);
        provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-0", "FS-3100", ProductCategory.LABOUR), customer)));
        sandbox.dropConnectionAfterApply(1);

        // the JDK connection resends a POST whose connection dropped; QBO replays it by requestid, so either outcome is safe
        PushOutcome dropped = provider.documents().pushInvoices(session, List.of(push)).get(0);
        PushOutcome resent = provider.documents().pushInvoices(session, List.of(push)).get(0);

        assertThat(dropped.status()).isIn(OutcomeStatus.SYNCED, OutcomeStatus.UNKNOWN);
        assertThat(resent.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(2);
        List<Exchange> writes = exchangesTo("/batch").stream().filter(exchange -> exchange.requestBody().contains("FS-3101")).toList();
        assertThat(writes).hasSizeGreaterThanOrEqualTo(1).extracting(QboSandboxTestBase::requestId).containsOnly(requestId(writes.get(0)));
    }

    @Test
    void anInvoiceChangedAfterSyncIsUpdatedInPlaceWithItsSyncToken() {
        String customer = customerId("Northside Electrical");
        PushOutcome created = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-4001", ProductCategory.LABOUR), customer))).get(0);

        PushOutcome updated = provider.documents().pushInvoices(session, List.of(session.invoicePush(created.document(), key("I-1-r2"),
                invoice("I-1", "FS-4001", ProductCategory.LABOUR, "3"), customer, created.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(updated.remoteId()).isEqualTo(created.remoteId());
        assertThat(sandbox.invoices(realm.realmId())).singleElement()
                .satisfies(invoice -> assertThat(invoice.totalAmt()).isEqualByComparingTo("335.50"));
    }

    @Test
    void aPaidInvoiceIsNotChangedAndTheErrorSaysWhy() {
        String customer = customerId("Northside Electrical");
        PushOutcome created = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-4101", ProductCategory.LABOUR), customer))).get(0);
        sandbox.enterPayment(realm.realmId(), "FS-4101", new BigDecimal("242.00"), DAY);

        PushOutcome updated = provider.documents().pushInvoices(session, List.of(session.invoicePush(created.document(), key("I-1-r2"),
                invoice("I-1", "FS-4101", ProductCategory.LABOUR, "3"), customer, created.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(updated.error().message()).contains("payments");
    }

    @Test
    void anAccountAndATaxCodeQuickBooksNoLongerHasAreMappingErrorsNamingWhatToMap() {
        // mapped, and booked by the engine from reference data read before someone removed them in QuickBooks
        session.mappings = new Mappings(Map.of(ProductCategory.LABOUR, "4100", ProductCategory.MATERIALS, "4200", "Stale", "9999"), Map.of(),
                Map.of("GST", "10", "PST", "99"), null, null, "1250", Map.of());
        String customer = customerId("Northside Electrical");
        Invoice noTax = new Invoice("I-2", "FS-5002", customer("C-N"), DAY, DAY.plusDays(14), AUD, null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("Call-out", BigDecimal.ONE, new BigDecimal("90.00"), ProductCategory.LABOUR, List.of("PST"))), null);

        List<PushOutcome> outcomes = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-5001", "Stale"), customer),
                invoicePush(noTax, customer)));

        assertThat(outcomes.get(0).error().code()).isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(outcomes.get(0).error().message()).contains("Stale").contains("9999");
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(outcomes.get(1).error().message()).contains("PST");
        assertThat(sandbox.counts(realm.realmId()).invoices()).isZero();
    }

    @Test
    void anItemMappedToAnUnknownIdIsRefusedByQuickBooksAsAMappingError() {
        session.mappings = new Mappings(Map.of(ProductCategory.LABOUR, "4100", ProductCategory.MATERIALS, "4200"),
                Map.of(ProductCategory.LABOUR, "999", ProductCategory.MATERIALS, "1"), Map.of("GST", "10"), null, null, "1250", Map.of());

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-5101", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(outcome.error().detail()).contains("2500");
    }
}
