package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static io.fieldsync.accounting.engine.Samples.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.FailingDataSource;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * Issue 7's holes, each proven through the real engine: an attempt recorded before every remote write,
 * doubt that survives whatever happens next, keys that follow the request, one bad document failing
 * alone, and a stopping engine that starts no call.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExactlyOnceTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final DocumentRef I1 = DocumentRef.invoice(ACME, "I-1");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    /** The journal every engine of a test opens (a restart opens it again); closed after the last engine. */
    @AutoClose
    FreshDatabase journal;

    private TestEngine engine;
    private ScriptedProvider xero;

    private void start() {
        start(null);
    }

    private void start(FailingDataSource[] failing) {
        journal = kind.fresh();
        if (failing != null) {
            failing[0] = new FailingDataSource(journal.dataSource());
        }
        engine = new TestEngine(keys, "xero", failing == null ? journal.dataSource() : failing[0]);
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
    }

    /**
     * A new engine over the same journal and key, as after a restart (the old one is left as it was); returns the
     * document's status as the new engine finds it, before its provider arrives and the first pass runs.
     */
    private DocumentStatus restart(DocumentRef document) {
        engine = new TestEngine(keys, "xero", journal.dataSource());
        DocumentStatus found = engine.sync.status(document).orElseThrow();
        xero = engine.install(new ScriptedProvider("xero"));
        return found;
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    // ---- hole 1: an attempt is recorded before the call, and an unrecorded answer means "look first"

    @Test
    void anEngineKilledAfterTheAccountingSystemAppliedTheWriteLooksTheDocumentUpBeforeSendingItAgain() {
        start();
        engine.connect(ACME);
        xero.crashAfterNextPush = true;
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        assertThat(xero.invoicePushes).hasSize(1);

        DocumentStatus afterRestart = restart(I1);
        engine.drain();

        assertThat(afterRestart.status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);
        assertThat(afterRestart.error().message()).contains("stopped while this document was being sent");
        assertThat(xero.invoicePushes).singleElement().satisfies(push -> assertThat(push.reconcileFirst()).isTrue());
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aDocumentIsRecordedAsSendingWithItsKeyBeforeTheCallGoesOut() throws Exception {
        start();
        engine.connect(ACME);
        xero.holdInvoiceCalls = new CountDownLatch(1);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        ExecutorService host = Executors.newSingleThreadExecutor();
        try {
            Future<?> pass = host.submit(() -> engine.pass());
            assertThat(xero.invoiceCallStarted.await(10, TimeUnit.SECONDS)).isTrue();

            var during = engine.stores.journal().find(I1).orElseThrow();
            xero.holdInvoiceCalls.countDown();
            pass.get(10, TimeUnit.SECONDS);

            assertThat(during.status()).isEqualTo(SyncStatus.SENDING);
            assertThat(during.inDoubt()).isTrue();
            assertThat(during.attemptKey()).isEqualTo(xero.invoicePushes.get(0).key().value());
            assertThat(engine.stores.journal().find(I1).orElseThrow().inDoubt()).as("doubt ends with the remote id").isFalse();
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void aDatabaseFailureWhileRecordingTheAnswerLeavesTheDocumentToBeLookedUp() {
        FailingDataSource[] database = new FailingDataSource[1];
        start(database);
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        database[0].failNext(1, "synced_at = COALESCE");
        engine.drain();
        assertThat(xero.invoicePushes).hasSize(1);

        engine.clock.advance(Dispatcher.ABANDONED_AFTER.plusMinutes(1));
        engine.drain();

        assertThat(xero.invoicePushes).hasSize(2);
        assertThat(xero.invoicePushes.get(1).reconcileFirst()).isTrue();
        assertThat(xero.invoicePushes.get(1).key()).as("the same request keeps its key").isEqualTo(xero.invoicePushes.get(0).key());
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }

    // ---- hole 2: the obligation to look survives every later state change

    static Stream<Arguments> whatHappensBetweenTheLostAnswerAndTheNextAttempt() {
        return Stream.of(
                Arguments.of("a rate limit", (Consumer<ExactlyOnceTest>) test -> {
                    test.xero.nextInvoiceCallFails = new RateLimitedException(io.fieldsync.accounting.api.spi.RateLimit.MINUTE, Duration.ofSeconds(30));
                    test.engine.clock.advance(Duration.ofSeconds(2));
                    test.engine.drain();
                    test.engine.clock.advance(Duration.ofSeconds(31));
                }),
                Arguments.of("the service being down", (Consumer<ExactlyOnceTest>) test -> {
                    test.xero.nextInvoiceCallFails = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"));
                    test.engine.clock.advance(Duration.ofSeconds(2));
                    test.engine.drain();
                    test.engine.clock.advance(Duration.ofSeconds(5));
                }),
                Arguments.of("an expired connection, then a reconnect", (Consumer<ExactlyOnceTest>) test -> {
                    test.xero.nextInvoiceCallFails = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero"));
                    test.engine.clock.advance(Duration.ofSeconds(2));
                    test.engine.drain();
                    assertThat(test.engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.DISCONNECTED);
                    test.engine.connect(ACME);
                }),
                Arguments.of("the provider bundle stopped and started again", (Consumer<ExactlyOnceTest>) test -> {
                    test.engine.uninstall(test.xero, test.engine.lastServiceId());
                    test.engine.clock.advance(Duration.ofSeconds(2));
                    test.engine.drain();
                    assertThat(test.engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.PENDING);
                    test.engine.install(test.xero);
                }),
                Arguments.of("a mapping removed, then fixed and retried by the admin", (Consumer<ExactlyOnceTest>) test -> {
                    Mappings complete = Samples.completeMappings();
                    test.engine.setup.saveMappings(ACME, new Mappings(java.util.Map.of(), complete.itemByCategory(),
                            complete.taxRateByHostTaxRate(), complete.salesAccount(), complete.taxLiabilityAccount(),
                            complete.depositAccount(), complete.depositAccountByMethod()));
                    test.engine.clock.advance(Duration.ofSeconds(2));
                    test.engine.drain();
                    assertThat(test.engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.FAILED);
                    test.engine.setup.saveMappings(ACME, complete);
                    test.engine.sync.retry(I1);
                }));
    }

    @ParameterizedTest(name = "after {0}")
    @MethodSource("whatHappensBetweenTheLostAnswerAndTheNextAttempt")
    void aLostAnswerIsLookedUpBeforeTheNextAttemptWhateverHappensInBetween(String what, Consumer<ExactlyOnceTest> inBetween) {
        start();
        engine.connect(ACME);
        xero.nextInvoiceCallFails = new IllegalStateException("connection reset after the request was written");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);

        inBetween.accept(this);
        engine.drain();

        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).last().satisfies(push -> assertThat(push.reconcileFirst()).as("looked up first").isTrue());
    }

    // ---- hole 3: keys follow the request and the installation

    @Test
    void aRetryAfterTheAdminFixedAMappingCarriesANewKeySoNoStoredFaultAnswersIt() {
        start();
        engine.connect(ACME);
        xero.invoiceOutcome = push -> PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice INV-I-1")
                .withDetail("Account code '200' is not a valid code for this document."));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.FAILED);

        Mappings complete = Samples.completeMappings();
        java.util.Map<String, String> fixed = new java.util.HashMap<>(complete.revenueAccountByCategory());
        fixed.put("Labour", "201");
        engine.setup.saveMappings(ACME, new Mappings(fixed, complete.itemByCategory(), complete.taxRateByHostTaxRate(),
                complete.salesAccount(), complete.taxLiabilityAccount(), complete.depositAccount(), complete.depositAccountByMethod()));
        xero.invoiceOutcome = push -> PushOutcome.synced(push.document(), "xero-inv-I-1", "INV-I-1");
        engine.sync.retry(I1);
        engine.drain();

        assertThat(xero.invoicePushes).hasSize(2);
        assertThat(xero.invoicePushes.get(1).key()).isNotEqualTo(xero.invoicePushes.get(0).key());
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aRetryTheAdminAsksForCarriesAFreshKeyEvenForUnchangedContentButALostAnswerIsRetriedUnderTheSameKey() {
        start();
        engine.connect(ACME);
        xero.nextInvoiceCallFails = new IllegalStateException("connection reset after the request was written");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        xero.invoiceOutcome = push -> PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice INV-I-1")
                .withDetail("Account code '200' is archived."));
        engine.clock.advance(Duration.ofSeconds(2));
        engine.drain();
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.FAILED);

        // the admin reactivates the account in the accounting system, changes nothing here, and retries
        xero.invoiceOutcome = push -> PushOutcome.synced(push.document(), "xero-inv-I-1", "INV-I-1");
        engine.sync.retry(I1);
        engine.drain();

        assertThat(xero.invoicePushes).hasSize(3);
        assertThat(xero.invoicePushes.get(1).key()).as("after a lost answer").isEqualTo(xero.invoicePushes.get(0).key());
        assertThat(xero.invoicePushes.get(2).key()).as("after the admin's retry").isNotEqualTo(xero.invoicePushes.get(1).key());
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void twoInstallationsNeverSendTheSameKeyForTheSameJournalRow() throws Exception {
        start();
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        InvoicePush here = xero.invoicePushes.get(0);

        try (TestEngine other = new TestEngine(keys.resolve("other"), "xero")) {
            ScriptedProvider otherXero = other.install(new ScriptedProvider("xero"));
            other.setup.saveMappings(ACME, Samples.completeMappings());
            other.connect(ACME);
            other.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
            other.drain();

            assertThat(otherXero.invoicePushes).singleElement()
                    .satisfies(there -> assertThat(there.key()).isNotEqualTo(here.key()));
        }
    }

    // ---- hole 4: a payment changed after it synced changes the remote payment

    @Test
    void aPaymentChangedAfterItSyncedChangesTheRemotePaymentInsteadOfAddingOne() {
        start();
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "100.00", PaymentMethod.CARD));
        engine.drain();
        assertThat(xero.remotePayments).hasSize(1);
        String remotePayment = engine.sync.status(DocumentRef.payment(ACME, "P-1")).orElseThrow().remoteId();

        Payment corrected = payment("P-1", "I-1", "90.00", PaymentMethod.CARD);
        engine.sync.paymentCollected(ACME, corrected);
        engine.drain();

        assertThat(xero.remotePayments).as("the accounting system's payments").hasSize(1)
                .containsValue(new BigDecimal("90.00"));
        assertThat(xero.paymentPushes.get(1).remotePaymentId()).isEqualTo(remotePayment);
        assertThat(engine.sync.status(DocumentRef.payment(ACME, "P-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aPaymentWaitsWhileAChangeOfItsInvoiceIsStillOnItsWayAndGoesRightAfterIt() {
        start();
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        xero.nextInvoiceCallFails = new IllegalStateException("connection reset after the request was written");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), "Equipment"));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "100.00", PaymentMethod.CARD));
        engine.drain();

        DocumentStatus waiting = engine.sync.status(DocumentRef.payment(ACME, "P-1")).orElseThrow();
        assertThat(waiting.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(waiting.error().message()).contains("Waiting for invoice I-1").contains("change (revision 2)");
        assertThat(xero.paymentPushes).isEmpty();

        engine.clock.advance(Duration.ofSeconds(2));
        engine.drain();

        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(engine.sync.status(DocumentRef.payment(ACME, "P-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.paymentPushes).hasSize(1);
    }

    @Test
    void aChangedPaymentIsShownUnsupportedWhereTheProviderCannotChangePaymentsNeverSentTwice() {
        start();
        xero.capabilities.remove(io.fieldsync.accounting.api.spi.ProviderCapability.PAYMENT_UPDATES);
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "100.00", PaymentMethod.CARD));
        engine.drain();

        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "90.00", PaymentMethod.CARD));
        engine.drain();

        DocumentStatus status = engine.sync.status(DocumentRef.payment(ACME, "P-1")).orElseThrow();
        assertThat(status.status()).isEqualTo(SyncStatus.UNSUPPORTED);
        assertThat(status.error().message()).contains("Changing a payment already sent");
        assertThat(xero.paymentPushes).hasSize(1);
    }

    // ---- hole 5: one bad document fails alone

    @Test
    void aDocumentWhoseSnapshotCannotBeReadFailsAloneAndTheOthersGo() throws Exception {
        start();
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        try (var connection = engine.dataSource.getConnection(); var corrupt = connection.createStatement()) {
            corrupt.executeUpdate("UPDATE journal SET snapshot = '{\"hostId\": \"I-1\", \"lines\": 7' WHERE host_id = 'I-1'");
        }
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));

        engine.drain();

        DocumentStatus broken = engine.sync.status(I1).orElseThrow();
        assertThat(broken.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(broken.error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(broken.error().message()).contains("invoice I-1");
        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-2")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aBatchRefusedAsAWholeIsSplitUntilTheDocumentItIsAboutFailsAlone() {
        start();
        engine.connect(ACME);
        xero.refuseInvoiceBatchesHolding = "I-6";
        IntStream.rangeClosed(1, 8).forEach(k -> engine.sync.invoiceLocked(ACME, invoice("I-" + k, customer("C-1"))));

        engine.drain();

        IntStream.rangeClosed(1, 8).filter(k -> k != 6).forEach(k ->
                assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-" + k)).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED));
        DocumentStatus culprit = engine.sync.status(DocumentRef.invoice(ACME, "I-6")).orElseThrow();
        assertThat(culprit.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(culprit.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(xero.invoiceCalls).as("8 → 4+4 → 2+2 → 1+1: seven calls").hasValue(7);
    }

    // ---- hole 7: stopping, and errors that must not kill the dispatcher

    @Test
    void aStoppingEngineFinishesTheCallInFlightAndStartsNoOther() throws Exception {
        start();
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        xero.holdInvoiceCalls = new CountDownLatch(1);
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CARD));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> pass = threads.submit(() -> engine.pass());
            assertThat(xero.invoiceCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> stopping = threads.submit(() -> {
                engine.dispatcher.deactivate();
                return null;
            });
            Thread.sleep(200);
            assertThat(stopping.isDone()).as("deactivate waits for the call in flight").isFalse();

            xero.holdInvoiceCalls.countDown();
            pass.get(10, TimeUnit.SECONDS);
            stopping.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-2")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.paymentPushes).as("no call starts once stopping").isEmpty();
        assertThat(engine.sync.status(DocumentRef.payment(ACME, "P-1")).orElseThrow().status()).isEqualTo(SyncStatus.PENDING);
    }

    @Test
    void anErrorThrownByAProviderNeverStopsTheDispatcherAndItsDocumentsAreLookedUpLater() {
        start();
        engine.connect(ACME);
        xero.nextInvoiceCallErrs = new NoClassDefFoundError("io/fieldsync/accounting/xero/XeroMapper (bundle being updated)");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.clock.advance(Duration.ofMillis(250));
        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);

        engine.clock.advance(Duration.ofHours(1)); // the periodic pass still runs

        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).last().satisfies(push -> assertThat(push.reconcileFirst()).isTrue());
    }
}
