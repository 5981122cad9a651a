package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** Lanes: one per connection, side by side, fair, paced by the limits, and never failing a document for a limit. */
class LanesTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId BETA = CompanyId.of("beta");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;
    private ExecutorService workers;
    /** One permit per lane turn that ended on the workers. */
    private final java.util.concurrent.Semaphore turnsEnded = new java.util.concurrent.Semaphore(0);

    private void start() {
        engine = new TestEngine(keys, "xero");
        ready();
    }

    private void startWithWorkers(int count) {
        workers = Executors.newFixedThreadPool(count);
        engine = new TestEngine(keys, "xero", TestEngine.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                turn -> workers.execute(() -> {
                    try {
                        turn.run();
                    } finally {
                        turnsEnded.release();
                    }
                }));
        ready();
    }

    private void ready() {
        xero = engine.install(new ScriptedProvider("xero"));
        for (CompanyId company : List.of(ACME, BETA)) {
            engine.setup.saveMappings(company, Samples.completeMappings());
            engine.connect(company);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (xero != null && xero.holdInvoiceCalls != null) {
            xero.holdInvoiceCalls.countDown();
        }
        engine.close();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Test
    void aCompanyWhoseCallHangsDoesNotDelayAnotherCompanysInvoice() throws Exception {
        startWithWorkers(2);
        xero.holdInvoiceCalls = new CountDownLatch(1);
        xero.holdOnlyFor = ACME;
        CountDownLatch betaSynced = new CountDownLatch(1);
        xero.invoiceOutcome = push -> {
            if (push.document().company().equals(BETA)) {
                betaSynced.countDown();
            }
            return PushOutcome.synced(push.document(), "xero-inv-" + push.invoice().hostId(), null);
        };
        engine.sync.invoiceLocked(ACME, invoice("A-1", customer("C-1")));
        engine.sync.invoiceLocked(BETA, invoice("B-1", customer("C-2")));

        engine.clock.advance(Duration.ofMillis(200));

        assertThat(xero.invoiceCallStarted.await(10, TimeUnit.SECONDS)).as("acme's call is hanging").isTrue();
        assertThat(betaSynced.await(10, TimeUnit.SECONDS)).as("beta's invoice went while acme's call hangs").isTrue();
        assertThat(turnsEnded.tryAcquire(10, TimeUnit.SECONDS)).as("beta's turn ended").isTrue();
        assertThat(status(DocumentRef.invoice(BETA, "B-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.invoice(ACME, "A-1")).status()).isEqualTo(SyncStatus.SENDING);

        xero.holdInvoiceCalls.countDown();
        assertThat(turnsEnded.tryAcquire(10, TimeUnit.SECONDS)).as("acme's turn ended").isTrue();
        assertThat(status(DocumentRef.invoice(ACME, "A-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aBacklogOfFiveThousandInOneCompanyDelaysAnotherCompanysSingleInvoiceByOneBatchAtMost() {
        start();
        Customer customer = customer("C-1");
        for (int k = 1; k <= 5000; k++) {
            engine.sync.invoiceLocked(ACME, invoice("A-" + k, customer));
        }
        engine.pass();
        engine.pass();
        int callsBefore = xero.invoiceCallCompanies.size();

        engine.sync.invoiceLocked(BETA, invoice("B-1", customer("C-2")));
        engine.pass();

        List<CompanyId> since = xero.invoiceCallCompanies.subList(callsBefore, xero.invoiceCallCompanies.size());
        assertThat(since).contains(BETA);
        assertThat(since.subList(0, since.indexOf(BETA))).as("acme's batches sent before beta's invoice").hasSizeLessThanOrEqualTo(1);
        assertThat(status(DocumentRef.invoice(BETA, "B-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes.stream().filter(push -> push.document().company().equals(ACME)))
                .as("acme's backlog goes a batch per turn").hasSize(3 * 50);
    }

    @Test
    void pacingByTheMinuteBudgetNeverProvokesA429AndEverythingGoesOut() {
        start();
        xero.metered = true;
        xero.limits = limits(10, 5000, 0, 1);
        Customer customer = customer("C-1");
        for (int k = 1; k <= 25; k++) {
            engine.sync.invoiceLocked(ACME, invoice("A-" + k, customer));
        }

        for (int second = 0; second < 4 * 60; second++) {
            engine.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(xero.refusedForLimits).as("429s provoked").hasValue(0);
        assertThat(xero.invoicePushes).hasSize(25);
        assertThat(status(DocumentRef.invoice(ACME, "A-25")).status()).isEqualTo(SyncStatus.SYNCED);
        // 1 customer call and 25 invoice calls at 10 a minute: the third minute's window holds the last ones
        assertThat(engine.stores.syncLog().find(new io.fieldsync.accounting.api.SyncLogQuery(ACME, null, false, null, 100)))
                .extracting(io.fieldsync.accounting.api.SyncLogEntry::httpStatus).containsOnly(200).hasSize(26);
    }

    @Test
    void aCallThatNeedsMoreThanAWholeMinuteHalvesTheLanesBatchesInsteadOfBeingRefusedEveryMinute() {
        start();
        xero.metered = true;
        xero.customersPerCall = 4;
        xero.limits = new ProviderLimits(3, 5, 5000, 0, Map.of(DocumentKind.INVOICE, 20, DocumentKind.CUSTOMER, 20));
        for (int k = 1; k <= 20; k++) {
            // twenty new customers cost five calls in one push: more than the three a minute allows
            engine.sync.invoiceLocked(ACME, invoice("A-" + k, customer("C-" + k)));
        }

        for (int second = 0; second < 15 * 60; second++) {
            engine.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(xero.refusedForLimits).as("429s: only the one that showed the batch was too big").hasValue(1);
        assertThat(status(DocumentRef.invoice(ACME, "A-20")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).hasSize(20);
        assertThat(engine.heard).extracting(DocumentStatus::status).doesNotContain(SyncStatus.FAILED);
    }

    @Test
    void aSpentDailyBudgetDefersDocumentsWithTheReasonAndTheyGoAfterTheReset() {
        start();
        xero.metered = true;
        xero.limits = limits(60, 3, 0, 1);
        Customer customer = customer("C-1");
        for (int k = 1; k <= 4; k++) {
            engine.sync.invoiceLocked(ACME, invoice("A-" + k, customer));
        }

        engine.drain();

        Instant reset = TestEngine.START.plus(Duration.ofDays(1));
        assertThat(xero.invoicePushes).as("a customer call and two invoice calls fit the day").hasSize(2);
        DocumentStatus deferred = status(DocumentRef.invoice(ACME, "A-3"));
        assertThat(deferred.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(deferred.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(deferred.error().message()).isEqualTo("deferred until " + reset + " (daily limit)");
        assertThat(engine.dispatcher.laneNote(ACME, "xero")).hasValueSatisfying(note -> assertThat(note).contains("daily limit"));

        engine.clock.advance(Duration.ofHours(23));
        engine.drain();
        assertThat(xero.invoicePushes).as("nothing before the reset").hasSize(2);

        engine.clock.advance(Duration.between(engine.clock.instant(), reset));
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "A-4")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).hasSize(4);
        assertThat(xero.refusedForLimits).as("429s provoked").hasValue(0);
    }

    @Test
    void anAppWide429PausesEveryLaneOfTheProviderUntilItsWaitEnds() {
        start();
        xero.nextInvoiceCallFails = new RateLimitedException(RateLimit.APP_MINUTE, Duration.ofSeconds(30));
        engine.sync.invoiceLocked(ACME, invoice("A-1", customer("C-1")));
        engine.drain();
        assertThat(status(DocumentRef.invoice(ACME, "A-1")).status()).isEqualTo(SyncStatus.PENDING);

        engine.sync.invoiceLocked(BETA, invoice("B-1", customer("C-2")));
        engine.drain();

        assertThat(status(DocumentRef.invoice(BETA, "B-1")).status()).as("another company waits for the app's limit too")
                .isEqualTo(SyncStatus.PENDING);
        assertThat(engine.dispatcher.laneNote(BETA, "xero")).hasValueSatisfying(note -> assertThat(note).contains("app-wide minute limit"));
        assertThat(xero.invoiceCalls).hasValue(1);

        engine.clock.advance(Duration.ofSeconds(30));
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "A-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.invoice(BETA, "B-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(engine.heard).extracting(DocumentStatus::status).doesNotContain(SyncStatus.FAILED);
    }

    @Test
    void aMinute429PausesOnlyThatCompanysLane() {
        start();
        xero.nextInvoiceCallFails = new RateLimitedException(RateLimit.MINUTE, Duration.ofSeconds(30));
        engine.sync.invoiceLocked(ACME, invoice("A-1", customer("C-1")));
        engine.drain();

        engine.sync.invoiceLocked(BETA, invoice("B-1", customer("C-2")));
        engine.sync.invoiceLocked(ACME, invoice("A-2", customer("C-1")));
        engine.drain();

        assertThat(status(DocumentRef.invoice(BETA, "B-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(DocumentRef.invoice(ACME, "A-2")).status()).isEqualTo(SyncStatus.PENDING);
        assertThat(engine.dispatcher.laneNote(ACME, "xero")).hasValueSatisfying(note -> assertThat(note).startsWith("paused until"));
    }

    @Test
    void anAdminsRefreshDuringADocumentCallWaitsForTheLaneInsteadOfPushingTheDocumentsIntoA429() {
        start();
        xero.metered = true;
        xero.limits = limits(2, 5000, 0, 1);
        List<RuntimeException> refreshes = new java.util.concurrent.CopyOnWriteArrayList<>();
        xero.beforeInvoiceCall = () -> {
            // the admin clicks "refresh" while the lane's invoice call, admitted with the minute's last call, is on its way
            try {
                engine.setup.refreshReferenceData(ACME);
            } catch (io.fieldsync.accounting.api.AccountingException held) {
                refreshes.add(held);
            }
        };
        engine.sync.invoiceLocked(ACME, invoice("A-1", customer("C-1")));

        engine.clock.advance(Duration.ofSeconds(1));

        assertThat(xero.refusedForLimits).as("429s").hasValue(0);
        assertThat(status(DocumentRef.invoice(ACME, "A-1")).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(refreshes).singleElement().satisfies(held -> {
            assertThat(((io.fieldsync.accounting.api.AccountingException) held).code()).isEqualTo(ErrorCode.RATE_LIMITED);
            // the lane's window opened with the customer call, sent once the host was quiet for the batching delay
            assertThat(held.getMessage()).contains("deferred until " + TestEngine.START.plusMillis(200).plusSeconds(60) + " (minute limit)");
        });
        xero.beforeInvoiceCall = null;
        engine.clock.advance(Duration.ofSeconds(60));
        assertThat(engine.setup.refreshReferenceData(ACME).organisationName()).as("the refresh once the window opened").isNotBlank();
    }

    private static ProviderLimits limits(int perMinute, int perDay, int appPerMinute, int invoicesPerCall) {
        return new ProviderLimits(perMinute, 5, perDay, appPerMinute,
                Map.of(DocumentKind.INVOICE, invoicesPerCall, DocumentKind.CUSTOMER, 50, DocumentKind.PAYMENT, 50, DocumentKind.CREDIT_NOTE, 50));
    }

    private DocumentStatus status(DocumentRef document) {
        return engine.sync.status(document).orElseThrow();
    }
}
