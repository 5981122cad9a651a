package io.fieldsync.accounting.engine.inbound;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class RemoteUpdatesTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final DocumentRef I1 = DocumentRef.invoice(ACME, "I-1");

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
    void syncOneInvoice() {
        database = kind.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    private static RemoteInvoiceState partlyPaid(String amount) {
        return new RemoteInvoiceState("xero-inv-I-1", "INV-I-1", new RemotePaymentState(PaymentState.PARTIALLY_PAID,
                new BigDecimal(amount), BigDecimal.ZERO, new BigDecimal("250.00").subtract(new BigDecimal(amount)),
                LocalDate.of(2026, 11, 10), TestEngine.START));
    }

    private static RemoteEvent invoiceEvent(String tenant, String invoiceId) {
        return new RemoteEvent(tenant, RemoteResourceType.INVOICE, invoiceId, RemoteEventType.UPDATE, TestEngine.START);
    }

    @Test
    void aPaymentEnteredInTheAccountingSystemReachesTheHostThroughAWebhookOnce() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));

        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-1")));
        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-1")));
        engine.remoteUpdates.settle();
        engine.notifier.flush();

        RemotePaymentState state = engine.sync.status(I1).orElseThrow().paymentState();
        assertThat(state.state()).isEqualTo(PaymentState.PARTIALLY_PAID);
        assertThat(state.amountPaid()).isEqualByComparingTo("100.00");
        assertThat(state.lastPaymentDate()).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(engine.paymentStatesHeard).containsExactly(I1);
    }

    @Test
    void aPaymentAnnouncedOnlyAsAPaymentEventReachesTheHostThroughTheInvoiceItPays() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));
        xero.invoicesOfSettlements.put("pay-9", List.of("xero-inv-I-1"));

        engine.remoteUpdates.accept("xero", List.of(new RemoteEvent("tenant-1", RemoteResourceType.PAYMENT, "pay-9", RemoteEventType.CREATE, TestEngine.START),
                new RemoteEvent("tenant-1", RemoteResourceType.CREDIT_NOTE, "memo-3", RemoteEventType.DELETE, TestEngine.START)));
        engine.remoteUpdates.settle();
        engine.notifier.flush();

        assertThat(engine.sync.status(I1).orElseThrow().paymentState().amountPaid()).isEqualByComparingTo("100.00");
        assertThat(engine.paymentStatesHeard).containsExactly(I1);
        assertThat(xero.settlementReads).as("both events told to the provider at once").singleElement()
                .satisfies(events -> assertThat(events).extracting(RemoteEvent::resourceId).containsExactly("pay-9", "memo-3"));
        assertThat(xero.stateReads).containsExactly(List.of("xero-inv-I-1"));
    }

    @Test
    void eventsForAnotherOrganisationOrAnotherKindOfResourceChangeNothing() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));

        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("someone-else", "xero-inv-I-1"),
                new RemoteEvent("tenant-1", RemoteResourceType.CONTACT, "contact-C-1", RemoteEventType.UPDATE, TestEngine.START)));
        engine.remoteUpdates.settle();

        assertThat(engine.sync.status(I1).orElseThrow().paymentState()).isNull();
    }

    @Test
    void anEventOfAKindTheSpiHasNoWordForIsKeptByTheProviderButChangesNothingHere() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));

        engine.remoteUpdates.accept("xero", List.of(new RemoteEvent("tenant-1", RemoteResourceType.OTHER, "xero-inv-I-1",
                RemoteEventType.UPDATE, TestEngine.START, "SUBSCRIPTION", "UPDATE"),
                new RemoteEvent("tenant-1", RemoteResourceType.INVOICE, "xero-inv-I-1", RemoteEventType.OTHER, TestEngine.START, "INVOICE",
                        "EMAILED")));
        engine.remoteUpdates.settle();

        assertThat(xero.settlementReads).as("not a settlement").isEmpty();
        assertThat(xero.stateReads).as("an invoice event other than CREATE is read, whatever its word").containsExactly(List.of("xero-inv-I-1"));
    }

    @Test
    void pollingCatchesWhatNoWebhookToldAndMovesItsWatermark() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("40.00"));

        assertThat(engine.remoteUpdates.pollNow()).isEqualTo(1);
        assertThat(engine.remoteUpdates.pollNow()).isZero();

        assertThat(engine.sync.status(I1).orElseThrow().paymentState().amountPaid()).isEqualByComparingTo("40.00");
        assertThat(xero.polledSince).hasSize(2);
        assertThat(xero.polledSince.get(1)).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void anEventWhoseInvoiceCannotBeReadDoesNotCostTheOtherEventsTheirPaymentStates() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));
        xero.unreadableIds.add("not-an-invoice-id");

        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "not-an-invoice-id"), invoiceEvent("tenant-1", "xero-inv-I-1"),
                invoiceEvent("tenant-1", "xero-inv-unknown")));
        engine.remoteUpdates.settle();
        engine.notifier.flush();

        assertThat(engine.sync.status(I1).orElseThrow().paymentState().amountPaid()).isEqualByComparingTo("100.00");
        assertThat(engine.paymentStatesHeard).containsExactly(I1);
        assertThat(xero.stateReads).as("one read for all, then one each after it failed").hasSize(1);
    }

    @Test
    void aReadThatFailsForTheWholeServiceIsNotRepeatedInvoiceByInvoice() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));
        xero.stateReadsFail = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"));

        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-1"), invoiceEvent("tenant-1", "xero-inv-I-2")));
        engine.remoteUpdates.settle();

        assertThat(xero.stateReads).hasSize(1);
        assertThat(xero.singleStateReads).hasValue(0);
        assertThat(engine.sync.status(I1).orElseThrow().paymentState()).as("left to polling").isNull();
    }

    @Test
    void webhookEventsInABurstAreReadInOneCallAndCreateEventsNotAtAll() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));

        engine.remoteUpdates.accept("xero", List.of(new RemoteEvent("tenant-1", RemoteResourceType.INVOICE, "xero-inv-I-1", RemoteEventType.CREATE, TestEngine.START)));
        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-1")));
        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-2"), invoiceEvent("tenant-1", "xero-inv-I-1")));
        engine.remoteUpdates.settle();

        assertThat(xero.stateReads).containsExactly(List.of("xero-inv-I-1", "xero-inv-I-2"));
    }

    @Test
    void aWebhookReadRefusedForTheMinuteLimitWaitsForTheLaneAndThenHappensInsteadOfWaitingForPolling() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));
        xero.stateReadsFail = new RateLimitedException(RateLimit.MINUTE, Duration.ofSeconds(40));

        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-1")));
        engine.remoteUpdates.settle();
        xero.stateReadsFail = null;
        engine.clock.advance(Duration.ofSeconds(39));
        engine.remoteUpdates.settle();

        assertThat(xero.stateReads).as("no second read inside the window Xero asked us to wait").hasSize(1);
        assertThat(engine.remoteUpdates.heldReads()).as("held, not dropped to polling").isEqualTo(1);
        assertThat(engine.dispatcher.laneNote(ACME, "xero")).as("the lane the documents use is paused too")
                .hasValueSatisfying(note -> assertThat(note).startsWith("paused until 2026-11-02T09:00:40Z"));

        engine.clock.advance(Duration.ofSeconds(1));
        engine.remoteUpdates.settle();
        engine.notifier.flush();

        assertThat(xero.stateReads).containsExactly(List.of("xero-inv-I-1"), List.of("xero-inv-I-1"));
        assertThat(engine.sync.status(I1).orElseThrow().paymentState().amountPaid()).isEqualByComparingTo("100.00");
        assertThat(engine.paymentStatesHeard).containsExactly(I1);
        assertThat(engine.remoteUpdates.heldReads()).isZero();
    }

    @Test
    void aWebhookReadWaitsWhileTheLaneIsPausedAndDoesNotProvokeAnother429() {
        xero.remoteInvoices.put("xero-inv-I-1", partlyPaid("100.00"));
        xero.stateReadsFail = new RateLimitedException(RateLimit.MINUTE, Duration.ofSeconds(30));
        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-1")));
        engine.remoteUpdates.settle();
        xero.stateReadsFail = null;

        engine.clock.advance(Duration.ofSeconds(10));
        engine.remoteUpdates.accept("xero", List.of(invoiceEvent("tenant-1", "xero-inv-I-2")));
        engine.remoteUpdates.settle();

        assertThat(xero.stateReads).as("the new event waits with the first for the paused lane").hasSize(1);

        engine.clock.advance(Duration.ofSeconds(20));
        engine.remoteUpdates.settle();

        assertThat(xero.stateReads).as("both read in one call once the lane may call").last()
                .isEqualTo(List.of("xero-inv-I-1", "xero-inv-I-2"));
    }
}
