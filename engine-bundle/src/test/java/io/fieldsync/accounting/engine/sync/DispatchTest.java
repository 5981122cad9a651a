package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.cancellation;
import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static io.fieldsync.accounting.engine.Samples.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class DispatchTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    /** Closed after the engine (JUnit closes it once the test and its @AfterEach are done). */
    @AutoClose
    FreshDatabase database;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void startEngine() {
        database = kind.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void lockedInvoiceIsSyncedAfterItsCustomerIsLinked() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus status = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(status.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status.provider()).isEqualTo("xero");
        assertThat(status.remoteId()).isEqualTo("xero-inv-I-1");
        assertThat(xero.customerPushes).hasSize(1);
        assertThat(xero.invoicePushes).singleElement().satisfies(push -> {
            assertThat(push.remoteCustomerId()).isEqualTo("contact-C-1");
            assertThat(push.remoteInvoiceId()).isNull();
            assertThat(push.reconcileFirst()).isFalse();
        });
        assertThat(engine.heard).extracting(DocumentStatus::status).contains(SyncStatus.PENDING, SyncStatus.SYNCED);
        assertThat(engine.connections.status(ACME).lastSuccessfulSync()).isNotNull();
    }

    @Test
    void laterInvoicesForAnUnchangedCustomerReuseTheLinkWithoutAnotherCall() {
        engine.connect(ACME);
        Customer customer = customer("C-1");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer));
        engine.drain();
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer));
        engine.sync.invoiceLocked(ACME, invoice("I-3", customer));
        engine.drain();

        assertThat(xero.customerPushes).hasSize(1);
        assertThat(xero.invoicePushes).extracting(push -> push.remoteCustomerId()).containsOnly("contact-C-1");
    }

    @Test
    void aBurstOfInvoicesLongerThanTheBatchingDelayIsSentInOneCallOnceTheHostIsQuiet() {
        engine.connect(ACME);
        Customer customer = customer("C-1");
        engine.sync.invoiceLocked(ACME, invoice("I-0", customer));
        engine.drain();
        xero.invoiceCalls.set(0);

        // twelve invoices over 600 ms, three times the 200 ms batching delay
        for (int k = 1; k <= 12; k++) {
            engine.sync.invoiceLocked(ACME, invoice("I-" + k, customer));
            engine.clock.advance(Duration.ofMillis(50));
        }
        assertThat(xero.invoiceCalls).as("calls while the host is still busy").hasValue(0);
        engine.clock.advance(Duration.ofMillis(200));

        assertThat(status(DocumentRef.invoice(ACME, "I-12")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoiceCalls).as("calls for the burst").hasValue(1);
    }

    @Test
    void aBurstThatNeverGoesQuietIsSentAfterTenBatchingDelays() {
        engine.connect(ACME);
        Customer customer = customer("C-1");
        engine.sync.invoiceLocked(ACME, invoice("I-0", customer));
        engine.drain();
        xero.invoiceCalls.set(0);

        for (int k = 1; k <= 19; k++) {
            engine.sync.invoiceLocked(ACME, invoice("I-" + k, customer));
            engine.clock.advance(Duration.ofMillis(100));
        }
        assertThat(xero.invoiceCalls).as("calls before ten delays passed").hasValue(0);
        engine.sync.invoiceLocked(ACME, invoice("I-20", customer));
        engine.clock.advance(Duration.ofMillis(100));

        assertThat(xero.invoiceCalls).as("the burst is sent at 2 s, busy or not").hasValue(1);
        assertThat(status(DocumentRef.invoice(ACME, "I-20")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void documentsWaitAsPendingWithAReasonWhileTheActiveProviderIsNotInstalled() {
        engine.use("quickbooks");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus status = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(status.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(status.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(status.error().message()).contains("quickbooks");
        assertThat(xero.invoicePushes).isEmpty();
    }

    @Test
    void documentsWaitAsDisconnectedUntilTheCompanyConnectsAndThenGoOut() {
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.DISCONNECTED);
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).error().code()).isEqualTo(ErrorCode.NOT_CONNECTED);

        engine.connect(ACME);
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void theEngineBooksEachLineAndHandsTheProviderTheAccountTaxRateItemAndSettingsSoItReadsNoMappings() {
        var mappings = Samples.completeMappings();
        engine.setup.saveMappings(ACME, new io.fieldsync.accounting.api.admin.Mappings(mappings.revenueAccountByCategory(),
                Map.of(ProductCategory.LABOUR, "LAB-HR"), mappings.taxRateByHostTaxRate(), null, "820", "090", mappings.depositAccountByMethod()));
        engine.setup.saveSettings(ACME, new SyncSettings(InvoiceStatusOnPush.DRAFT, false, false));
        engine.connect(ACME);
        Invoice invoice = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, invoice);
        engine.sync.invoiceCancelled(ACME, cancellation(invoice));

        engine.drain();

        assertThat(xero.invoicePushes).singleElement().satisfies(push -> {
            assertThat(push.lines()).extracting(BookedLine::line).isEqualTo(invoice.lines());
            assertThat(push.lines()).extracting(BookedLine::revenueAccount, BookedLine::taxRates, BookedLine::item).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("200", List.of("OUTPUT2"), "LAB-HR"),
                    org.assertj.core.groups.Tuple.tuple("210", List.of("OUTPUT2"), null));
            assertThat(push.status()).isEqualTo(InvoiceStatusOnPush.DRAFT);
            assertThat(push.keepHostNumber()).isFalse();
        });
        assertThat(xero.creditNotePushes).singleElement().satisfies(push -> {
            assertThat(push.lines()).extracting(BookedLine::revenueAccount).containsExactly("200", "210");
            assertThat(push.keepHostNumber()).isFalse();
            assertThat(push.invoiceSentAs()).as("the invoice went as a draft: Xero deletes it rather than credit it").isEqualTo(InvoiceStatusOnPush.DRAFT);
        });
    }

    @Test
    void anUnmappedCategoryFailsOnlyThatInvoiceAndNamesTheCategory() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), "Subcontracting"));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-2")));

        engine.drain();

        DocumentStatus failed = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(failed.error().message()).contains("Category Subcontracting").contains("Settings → Accounting");
        assertThat(failed.attempts()).isZero();
        assertThat(status(DocumentRef.invoice(ACME, "I-2")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).extracting(push -> push.invoice().hostId()).containsExactly("I-2");
    }

    @Test
    void aFailedInvoiceGoesOutOnRetryOnceTheMappingIsFixed() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), "Subcontracting"));
        engine.drain();

        var mappings = Samples.completeMappings();
        var fixed = new io.fieldsync.accounting.api.admin.Mappings(
                new java.util.HashMap<>(mappings.revenueAccountByCategory()) {{ put("Subcontracting", "230"); }},
                mappings.itemByCategory(), mappings.taxRateByHostTaxRate(), null, "820", "090", mappings.depositAccountByMethod());
        engine.setup.saveMappings(ACME, fixed);
        assertThat(engine.sync.retryAllFailed(ACME)).isEqualTo(1);
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void anUnmappedTaxRateFailsAsTaxMappingMissing() {
        engine.connect(ACME);
        Invoice invoice = invoice("I-1", customer("C-1"));
        Invoice withPst = new Invoice("I-9", "INV-9", invoice.customer(), invoice.issueDate(), invoice.dueDate(), invoice.currency(),
                null, invoice.amountType(), List.of(io.fieldsync.accounting.api.InvoiceLine.of("Boiler", java.math.BigDecimal.ONE,
                new java.math.BigDecimal("900"), ProductCategory.EQUIPMENT, List.of("GST", "PST"))), null);
        engine.sync.invoiceLocked(ACME, withPst);

        engine.drain();

        DocumentStatus status = status(DocumentRef.invoice(ACME, "I-9"));
        assertThat(status.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(status.error().code()).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(status.error().message()).contains("PST");
    }

    @Test
    void aCustomerWithAnInvalidEmailFailsBeforeAnyCallIsMade() {
        engine.connect(ACME);
        Customer broken = new Customer("C-9", "Broken Email Ltd", "not-an-email", null, null);
        engine.sync.invoiceLocked(ACME, invoice("I-1", broken));

        engine.drain();

        DocumentStatus status = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(status.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(status.error().code()).isEqualTo(ErrorCode.CUSTOMER_INVALID);
        assertThat(status.error().message()).contains("not-an-email");
        assertThat(xero.customerPushes).isEmpty();
        assertThat(xero.invoicePushes).isEmpty();
    }

    @Test
    void aPaymentWaitsForItsInvoiceThenGoesIntoTheDepositAccountOfItsMethod() {
        engine.connect(ACME);
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "100.00", PaymentMethod.CARD));
        engine.sync.paymentCollected(ACME, payment("P-2", "I-1", "20.00", PaymentMethod.CASH));
        engine.drain();
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.FAILED);
        assertThat(status(DocumentRef.payment(ACME, "P-1")).error().code()).isEqualTo(ErrorCode.PREREQUISITE_MISSING);

        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.retryAllFailed(ACME);
        engine.drain();

        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.paymentPushes).extracting(push -> push.payment().hostId() + "→" + push.depositAccount())
                .containsExactlyInAnyOrder("P-1→091", "P-2→090");
        assertThat(xero.paymentPushes).allSatisfy(push -> assertThat(push.remoteInvoiceId()).isEqualTo("xero-inv-I-1"));
    }

    @Test
    void aPaymentForAnInvoiceStillPendingWaitsAndGoesRightAfterIt() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), "Subcontracting"));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "100.00", PaymentMethod.CARD));
        engine.drain();
        DocumentStatus waiting = status(DocumentRef.payment(ACME, "P-1"));
        assertThat(waiting.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(waiting.error().message()).contains("Waiting for invoice I-1");

        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aCreditNoteCarriesItsInvoicesCurrencyAndHowTheInvoiceWentSoTheProviderNeedNotReadTheInvoice() {
        engine.connect(ACME);
        Invoice invoice = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, invoice);
        engine.sync.invoiceCancelled(ACME, cancellation(invoice));

        engine.drain();

        assertThat(xero.creditNotePushes).singleElement().satisfies(push -> {
            assertThat(push.invoiceCurrency()).isEqualTo(invoice.currency());
            assertThat(push.invoiceSentAs()).isEqualTo(InvoiceStatusOnPush.APPROVED);
        });
    }

    @Test
    void aProviderThatTakesBothKindsInOneCallGetsATurnsCreditNotesAndPaymentsTogetherEachWithItsOwnOutcome() {
        xero.capabilities.add(ProviderCapability.SETTLEMENTS_IN_ONE_CALL);
        engine.connect(ACME);
        Invoice cancelled = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, cancelled);
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.drain();
        engine.sync.invoiceCancelled(ACME, cancellation(cancelled));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-2", "100.00", PaymentMethod.CARD));
        engine.sync.paymentCollected(ACME, payment("P-2", "I-2", "20.00", PaymentMethod.CASH));

        engine.drain();

        assertThat(xero.settlementCalls).as("one call for the credit note and both payments").singleElement().satisfies(carried ->
                assertThat(carried).extracting(push -> push.getClass().getSimpleName())
                        .containsExactly("CreditNotePush", "PaymentPush", "PaymentPush"));
        assertThat(status(DocumentRef.creditNote(ACME, "CN-I-1")).remoteId()).isEqualTo("xero-cn-CN-I-1");
        assertThat(List.of(status(DocumentRef.payment(ACME, "P-1")), status(DocumentRef.payment(ACME, "P-2"))))
                .allSatisfy(payment -> {
                    assertThat(payment.status()).isEqualTo(SyncStatus.SYNCED);
                    assertThat(payment.remoteId()).startsWith("xero-pay-");
                });
    }

    @Test
    void creditNotesAndPaymentsInOneCallTakeNoMoreThanTheSmallerOfTheirBatchSizesAndTheCreditNotesGoFirst() {
        xero.capabilities.add(ProviderCapability.SETTLEMENTS_IN_ONE_CALL);
        xero.limits = new ProviderLimits(60, 5, 5000, 10000,
                Map.of(DocumentKind.INVOICE, 50, DocumentKind.CUSTOMER, 50, DocumentKind.PAYMENT, 3, DocumentKind.CREDIT_NOTE, 4));
        engine.connect(ACME);
        Invoice first = invoice("I-1", customer("C-1"));
        Invoice second = invoice("I-2", customer("C-1"));
        engine.sync.invoiceLocked(ACME, first);
        engine.sync.invoiceLocked(ACME, second);
        engine.sync.invoiceLocked(ACME, invoice("I-3", customer("C-1")));
        engine.drain();
        engine.sync.paymentCollected(ACME, payment("P-1", "I-3", "10.00", PaymentMethod.CARD));
        engine.sync.paymentCollected(ACME, payment("P-2", "I-3", "10.00", PaymentMethod.CARD));
        engine.sync.invoiceCancelled(ACME, cancellation(first));
        engine.sync.invoiceCancelled(ACME, cancellation(second));

        engine.drain();

        assertThat(xero.settlementCalls).extracting(carried -> carried.stream().map(push -> push.getClass().getSimpleName()).toList())
                .containsExactly(List.of("CreditNotePush", "CreditNotePush", "PaymentPush"), List.of("PaymentPush"));
        assertThat(List.of("P-1", "P-2")).allSatisfy(payment ->
                assertThat(status(DocumentRef.payment(ACME, payment)).status()).isEqualTo(SyncStatus.SYNCED));
    }

    @Test
    void aCreditNoteStillWaitingForItsInvoiceTakesNoRoomFromThePaymentsThatCanGo() {
        xero.capabilities.add(ProviderCapability.SETTLEMENTS_IN_ONE_CALL);
        xero.limits = limits(2, 3, 3);
        engine.connect(ACME);
        Invoice cancelled = invoice("I-3", customer("C-1"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.sync.invoiceLocked(ACME, cancelled);
        engine.sync.invoiceCancelled(ACME, cancellation(cancelled));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CARD));
        engine.sync.paymentCollected(ACME, payment("P-2", "I-2", "10.00", PaymentMethod.CARD));
        engine.sync.paymentCollected(ACME, payment("P-3", "I-1", "10.00", PaymentMethod.CARD));

        engine.drain();

        assertThat(xero.settlementCalls).extracting(DispatchTest::kinds)
                .containsExactly(List.of("PaymentPush", "PaymentPush", "PaymentPush"), List.of("CreditNotePush"));
    }

    @Test
    void paymentsReadyBeforeTheInvoiceOfACreditNoteWaitForItsBatchAndGoWithTheCreditNoteInOneCall() {
        xero.capabilities.add(ProviderCapability.SETTLEMENTS_IN_ONE_CALL);
        xero.limits = limits(2, 30, 30);
        engine.connect(ACME);
        Invoice cancelled = invoice("I-4", customer("C-1"));
        for (String invoice : List.of("I-1", "I-2", "I-3")) {
            engine.sync.invoiceLocked(ACME, invoice(invoice, customer("C-1")));
        }
        engine.sync.invoiceLocked(ACME, cancelled);
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CARD));
        engine.sync.invoiceCancelled(ACME, cancellation(cancelled));

        engine.pass();

        assertThat(status(DocumentRef.invoice(ACME, "I-2")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).as("held for the batch of I-4").isEqualTo(SyncStatus.PENDING);
        assertThat(xero.settlementCalls).isEmpty();

        engine.drain();

        assertThat(xero.settlementCalls).extracting(DispatchTest::kinds).containsExactly(List.of("CreditNotePush", "PaymentPush"));
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.creditNote(ACME, "CN-I-4")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aHeldPaymentWaitsNoLongerThanTenBatchingDelaysHoweverManyInvoicesAreAheadOfItsBatch() {
        xero.capabilities.add(ProviderCapability.SETTLEMENTS_IN_ONE_CALL);
        xero.limits = limits(1, 30, 30);
        engine.connect(ACME);
        Invoice cancelled = invoice("I-5", customer("C-1"));
        for (String invoice : List.of("I-1", "I-2", "I-3", "I-4")) {
            engine.sync.invoiceLocked(ACME, invoice(invoice, customer("C-1")));
        }
        engine.sync.invoiceLocked(ACME, cancelled);
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CARD));
        engine.sync.invoiceCancelled(ACME, cancellation(cancelled));
        // every invoice call takes a second: the lane is busy sending invoices for longer than the payment may wait
        xero.beforeInvoiceCall = () -> engine.clock.advance(Duration.ofSeconds(1));

        engine.pass();
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).as("after 1 s").isEqualTo(SyncStatus.PENDING);

        engine.pass();

        assertThat(xero.settlementCalls).as("after 2 s: ten batching delays of 200 ms").extracting(DispatchTest::kinds)
                .containsExactly(List.of("PaymentPush"));
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.invoice(ACME, "I-5")).status()).isEqualTo(SyncStatus.PENDING);
    }

    @Test
    void aPaymentIsNotHeldForTheInvoiceOfACreditNoteThatCannotGoNow() {
        xero.capabilities.add(ProviderCapability.SETTLEMENTS_IN_ONE_CALL);
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        Invoice unmapped = invoice("I-2", customer("C-1"), "Subcontracting");
        engine.sync.invoiceLocked(ACME, unmapped);
        engine.sync.invoiceCancelled(ACME, cancellation(unmapped));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CARD));

        engine.pass();

        assertThat(status(DocumentRef.invoice(ACME, "I-2")).status()).isEqualTo(SyncStatus.FAILED);
        assertThat(xero.settlementCalls).extracting(DispatchTest::kinds).containsExactly(List.of("PaymentPush"));
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void withoutTheCapabilityCreditNotesAndPaymentsGoInCallsOfTheirOwn() {
        engine.connect(ACME);
        Invoice cancelled = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, cancelled);
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.drain();
        engine.sync.invoiceCancelled(ACME, cancellation(cancelled));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-2", "100.00", PaymentMethod.CARD));

        engine.drain();

        assertThat(xero.settlementCalls).isEmpty();
        assertThat(xero.creditNotePushes).hasSize(1);
        assertThat(xero.paymentPushes).hasSize(1);
        assertThat(status(DocumentRef.payment(ACME, "P-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aCancellationBecomesACreditNoteAgainstTheSyncedInvoice() {
        engine.connect(ACME);
        Invoice invoice = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, invoice);
        engine.sync.invoiceCancelled(ACME, cancellation(invoice));

        engine.drain();

        assertThat(status(DocumentRef.creditNote(ACME, "CN-I-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.creditNotePushes).singleElement().satisfies(push -> {
            assertThat(push.remoteInvoiceId()).isEqualTo("xero-inv-I-1");
            assertThat(push.remoteCustomerId()).isEqualTo("contact-C-1");
        });
    }

    @Test
    void anInvoiceChangedAfterItWasSyncedIsSentAsAnUpdateOfTheSameRemoteInvoice() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        Invoice changed = invoice("I-1", customer("C-1"), ProductCategory.EQUIPMENT);
        assertThat(engine.sync.invoiceLocked(ACME, changed).revision()).isEqualTo(2);
        engine.drain();

        assertThat(xero.invoicePushes).hasSize(2);
        assertThat(xero.invoicePushes.get(1).remoteInvoiceId()).isEqualTo("xero-inv-I-1");
        assertThat(xero.invoicePushes.get(1).key()).isNotEqualTo(xero.invoicePushes.get(0).key());
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).revision()).isEqualTo(2);
    }

    @Test
    void anIdenticalResubmissionSendsNothing() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        assertThat(engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"))).revision()).isEqualTo(1);
        engine.drain();

        assertThat(xero.invoicePushes).hasSize(1);
    }

    @Test
    void aProviderThatBreaksAfterSendingLeavesTheOutcomeUnknownAndTheRetryReconcilesWithTheSameKey() throws Exception {
        engine.connect(ACME);
        xero.nextInvoiceCallFails = new IllegalStateException("connection reset after request was written");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();
        DocumentStatus unknown = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(unknown.status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);
        assertThat(unknown.error().detail()).contains("connection reset");

        engine.clock.advance(Duration.ofMillis(1100)); // the first retry delay of the test configuration
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).hasSize(2);
        assertThat(xero.invoicePushes.get(1).reconcileFirst()).isTrue();
        assertThat(xero.invoicePushes.get(1).key()).isEqualTo(xero.invoicePushes.get(0).key());
    }

    @Test
    void aRateLimitKeepsDocumentsPendingAndPausesOnlyThatCompany() {
        CompanyId other = CompanyId.of("other");
        engine.setup.saveMappings(other, Samples.completeMappings());
        engine.connect(ACME);
        engine.connect(other);
        xero.invoiceOutcome = push -> {
            if (push.document().company().equals(ACME)) {
                throw new RateLimitedException(io.fieldsync.accounting.api.spi.RateLimit.MINUTE, Duration.ofSeconds(45));
            }
            return PushOutcome.synced(push.document(), "xero-inv-" + push.invoice().hostId(), null);
        };
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(other, invoice("I-2", customer("C-2")));

        engine.drain();

        DocumentStatus limited = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(limited.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(limited.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(limited.error().message()).contains("minute");
        assertThat(engine.dispatcher.laneNote(ACME, "xero")).hasValueSatisfying(note -> assertThat(note).contains("minute"));
        assertThat(status(DocumentRef.invoice(other, "I-2")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aRejectedAccessTokenIsRefreshedStoredAndUsed() {
        engine.connect(ACME);
        xero.rejectAccessTokenOnce = true;
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.refreshes).hasValue(1);
        assertThat(xero.accessTokensUsed).containsExactly("access-2");
        assertThat(engine.stores.connections().find(ACME, "xero").orElseThrow().tokens().accessToken()).isEqualTo("access-2");
    }

    @Test
    void aRefusedRefreshExpiresTheConnectionAndDocumentsWaitAsDisconnected() {
        engine.connect(ACME);
        xero.rejectAccessTokenOnce = true;
        xero.refreshFails = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Scripted xero"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));

        engine.drain();

        assertThat(List.of("I-1", "I-2")).allSatisfy(id -> {
            DocumentStatus status = status(DocumentRef.invoice(ACME, id));
            assertThat(status.status()).isEqualTo(SyncStatus.DISCONNECTED);
            assertThat(status.error().code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
        });
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(xero.refreshes).hasValue(1);
    }

    @Test
    void concurrentCallsThatSeeARejectedTokenRefreshItOnlyOnce() throws Exception {
        engine.connect(ACME);
        xero.refreshTakes = Duration.ofMillis(200);
        var provider = engine.directory.active().orElseThrow();
        var first = engine.dispatcher.session(ACME, provider);
        var second = engine.dispatcher.session(ACME, provider);
        String rejected = first.accessToken();

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var a = pool.submit(() -> first.refreshedAccessToken(rejected));
        var b = pool.submit(() -> second.refreshedAccessToken(rejected));
        String tokenA = a.get();
        String tokenB = b.get();
        pool.shutdown();

        assertThat(xero.refreshes).hasValue(1);
        assertThat(tokenA).isEqualTo(tokenB).isNotEqualTo(rejected);
    }

    @Test
    void switchingTheProviderSendsTheNextDocumentToTheNewOne() {
        ScriptedProvider quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        engine.use("quickbooks");
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).provider()).isEqualTo("xero");
        assertThat(status(DocumentRef.invoice(ACME, "I-2")).provider()).isEqualTo("quickbooks");
        assertThat(quickbooks.customerPushes).hasSize(1);
        assertThat(quickbooks.invoicePushes).extracting(push -> push.invoice().hostId()).containsExactly("I-2");
    }

    @Test
    void documentsQueuedWhileTheProviderIsAwayGoOutWhenItComesBack() {
        engine.connect(ACME);
        long serviceId = engine.lastServiceId();
        engine.uninstall(xero, serviceId);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-2")));
        engine.drain();
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.PENDING);

        engine.install(xero);
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.invoice(ACME, "I-2")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void whatTheProviderCannotDoIsShownAsUnsupported() {
        xero.capabilities.remove(ProviderCapability.PAYMENTS);
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CASH));

        engine.drain();

        DocumentStatus status = status(DocumentRef.payment(ACME, "P-1"));
        assertThat(status.status()).isEqualTo(SyncStatus.UNSUPPORTED);
        assertThat(status.error().message()).contains("payments");
    }

    @Test
    void aValidationRefusalReachesTheDocumentInTheProvidersWords() {
        engine.connect(ACME);
        xero.invoiceOutcome = push -> PushOutcome.failed(push.document(),
                SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice " + push.invoice().number())
                        .withDetail("Account code '200' is not a valid code for this document."));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus status = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(status.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(status.error().detail()).contains("Account code '200'");
    }

    @Test
    void historicalInvoicesWaitUntilAskedFor() {
        engine.connect(ACME);
        engine.sync.registerHistorical(ACME, List.of(invoice("H-1", customer("C-1")), invoice("H-2", customer("C-1"))));
        engine.drain();
        assertThat(status(DocumentRef.invoice(ACME, "H-1")).status()).isEqualTo(SyncStatus.NOT_ATTEMPTED);

        assertThat(engine.sync.syncHistorical(ACME, List.of("H-2"))).isEqualTo(1);
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "H-1")).status()).isEqualTo(SyncStatus.NOT_ATTEMPTED);
        assertThat(status(DocumentRef.invoice(ACME, "H-2")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(engine.sync.documents(io.fieldsync.accounting.api.DocumentQuery.byStatus(ACME, SyncStatus.NOT_ATTEMPTED)).total())
                .isEqualTo(1);
    }

    private DocumentStatus status(DocumentRef document) {
        return engine.sync.status(document).orElseThrow();
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }

    private static List<String> kinds(List<Object> carried) {
        return carried.stream().map(push -> push.getClass().getSimpleName()).toList();
    }

    private static ProviderLimits limits(int invoices, int payments, int creditNotes) {
        return new ProviderLimits(60, 5, 5000, 10000, Map.of(DocumentKind.INVOICE, invoices, DocumentKind.CUSTOMER, 50,
                DocumentKind.PAYMENT, payments, DocumentKind.CREDIT_NOTE, creditNotes));
    }
}
