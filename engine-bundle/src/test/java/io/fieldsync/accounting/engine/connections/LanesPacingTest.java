package io.fieldsync.accounting.engine.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.time.ManualClock;

/**
 * A lane's budgets as the vendor counts them: QuickBooks' batch items and batch requests, the concurrent calls every
 * caller of a connection shares, and a halved batch growing back.
 */
class LanesPacingTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final LaneId ACME = new LaneId(CompanyId.of("acme"), "quickbooks");
    /** QuickBooks Online per realm: 500 a minute with batch items counted, 10 at once, 40 batches a minute. */
    private static final ProviderLimits QBO = new ProviderLimits(500, 10, Integer.MAX_VALUE, 0, Map.of(DocumentKind.INVOICE, 30), 40);

    private final ManualClock clock = new ManualClock(T0);
    private final Lanes lanes = new Lanes(clock);

    @Test
    void everyItemOfABatchCountsAgainstTheMinuteBudgetSoTheLaneWaitsForTheWindowBeforeTheVendorRefuses() {
        lanes.declare("quickbooks", QBO);
        for (int batch = 0; batch < 16; batch++) {
            sendBatch(30);
        }

        // 480 of 500 items spent: a next batch of 30 would be refused, though only 16 requests were made
        assertThat(lanes.waitBeforeCall(ACME)).hasValueSatisfying(wait -> {
            assertThat(wait.limit()).isEqualTo(RateLimit.MINUTE);
            assertThat(wait.until()).isEqualTo(T0.plusSeconds(60));
            assertThat(wait.refused()).isFalse();
        });
        clock.advance(Duration.ofSeconds(60));
        assertThat(lanes.waitBeforeCall(ACME)).isEmpty();
    }

    @Test
    void batchRequestsHaveABudgetOfTheirOwnBesidesTheItemsTheyCarry() {
        lanes.declare("quickbooks", QBO);
        for (int batch = 0; batch < 40; batch++) {
            clock.advance(Duration.ofMillis(500));
            sendBatch(1);
        }

        // 40 items are far from 500, but QuickBooks takes no 41st batch this minute
        assertThat(lanes.waitBeforeCall(ACME)).hasValueSatisfying(wait -> {
            assertThat(wait.limit()).isEqualTo(RateLimit.MINUTE);
            assertThat(wait.until()).isEqualTo(T0.plusMillis(500).plusSeconds(60));
        });
    }

    @Test
    void aLimitWithoutBatchRequestsCountsOneCallPerExchangeAsBefore() {
        LaneId xero = new LaneId(CompanyId.of("acme"), "xero");
        lanes.declare("xero", new ProviderLimits(60, 5, 5000, 10_000, Map.of(DocumentKind.INVOICE, 50)));
        for (int call = 0; call < 59; call++) {
            lanes.called(xero);
        }

        assertThat(lanes.waitBeforeCall(xero)).isEmpty();
        lanes.called(xero);
        assertThat(lanes.waitBeforeCall(xero)).hasValueSatisfying(wait -> assertThat(wait.limit()).isEqualTo(RateLimit.MINUTE));
    }

    @Test
    void callsBeyondTheConnectionsConcurrentLimitAreHeldUntilOneEnds() {
        lanes.declare("quickbooks", QBO);
        LaneCall[] running = new LaneCall[10];
        for (int k = 0; k < 10; k++) {
            running[k] = lanes.enter(ACME);
            assertThat(running[k].held()).as("call %d", k + 1).isEmpty();
        }

        LaneCall eleventh = lanes.enter(ACME);
        assertThat(eleventh.held()).hasValueSatisfying(wait -> assertThat(wait.limit()).isEqualTo(RateLimit.CONCURRENT));

        running[0].close();
        assertThat(lanes.enter(ACME).held()).isEmpty();
    }

    @Test
    void whatARunningCallKeepsInReserveIsNotGivenToAnotherCaller() {
        lanes.declare("quickbooks", QBO);
        // the lane learned that one of its calls takes 60 items (invoices read, then their payments)
        LaneUsage before = lanes.usage(ACME);
        lanes.called(ACME, 30, true);
        lanes.called(ACME, 30, true);
        lanes.callTook(ACME, lanes.usage(ACME).since(before), 30);
        for (int batch = 0; batch < 12; batch++) {
            sendBatch(30);
        }
        // 420 of 500 spent: room for one call of 60, not for two
        LaneCall documents = lanes.enter(ACME);
        assertThat(documents.held()).isEmpty();

        LaneCall adminRefresh = lanes.enter(ACME);

        assertThat(adminRefresh.held()).as("the admin's read waits for the window the documents' call needs")
                .hasValueSatisfying(wait -> {
                    assertThat(wait.limit()).isEqualTo(RateLimit.MINUTE);
                    assertThat(wait.until()).isEqualTo(T0.plusSeconds(60));
                });
        documents.close();
        assertThat(lanes.enter(ACME).held()).as("once the documents' call is over its reserve is free again").isEmpty();
    }

    @Test
    void aHalvedBatchGrowsBackToTheFullBatchAfterCallsThatFit() {
        LaneId xero = new LaneId(CompanyId.of("acme"), "xero");
        lanes.declare("xero", new ProviderLimits(10, 5, 5000, 0, Map.of(DocumentKind.INVOICE, 40)));

        // forty new customers took twelve lookups: more than the ten a minute holds
        lanes.callTook(xero, new LaneUsage(12, 0), 40);
        assertThat(lanes.batchCap(xero)).isEqualTo(20);

        StringBuilder caps = new StringBuilder();
        while (lanes.batchCap(xero) != Integer.MAX_VALUE && caps.length() < 200) {
            int cap = lanes.batchCap(xero);
            caps.append(cap).append(' ');
            lanes.callTook(xero, new LaneUsage(2, 0), cap);
        }

        // additive steps of an eighth of the 40 it was halved from, then the provider's batch size again
        assertThat(caps.toString().strip()).isEqualTo("20 25 30 35");
        assertThat(lanes.batchCap(xero)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aCapGrowsOnlyAfterFullCappedBatchesAndHalvesAgainWhenTheBiggerCallDoesNotFit() {
        LaneId xero = new LaneId(CompanyId.of("acme"), "xero");
        lanes.declare("xero", new ProviderLimits(10, 5, 5000, 0, Map.of(DocumentKind.INVOICE, 40)));
        lanes.callTook(xero, new LaneUsage(12, 0), 40);

        lanes.callTook(xero, new LaneUsage(1, 0), 3);
        assertThat(lanes.batchCap(xero)).as("a call of three documents says nothing about twenty").isEqualTo(20);
        lanes.callTook(xero, new LaneUsage(4, 0), 20);
        assertThat(lanes.batchCap(xero)).isEqualTo(25);
        lanes.callTook(xero, new LaneUsage(11, 0), 25);
        assertThat(lanes.batchCap(xero)).isEqualTo(12);
    }

    @Test
    void theReserveFollowsRecentCallsSoOneBigCallDoesNotHoldTheBudgetBackForever() {
        LaneId xero = new LaneId(CompanyId.of("acme"), "xero");
        lanes.declare("xero", new ProviderLimits(60, 5, 5000, 0, Map.of(DocumentKind.INVOICE, 50)));
        lanes.callTook(xero, new LaneUsage(30, 0), 50);
        for (int call = 0; call < 35; call++) {
            lanes.called(xero);
        }
        assertThat(lanes.waitBeforeCall(xero)).as("25 left, a call may take 30").isPresent();

        for (int call = 0; call < LaneReserve.REMEMBERED; call++) {
            lanes.callTook(xero, new LaneUsage(1, 0), 1);
        }

        assertThat(lanes.waitBeforeCall(xero)).as("recent calls take one each").isEmpty();
    }

    @Test
    void aCreditNoteCallsAllocationsAreKeptInReserveForCreditNotesOnlySoInvoiceCallsFillTheMinute() {
        LaneId xero = new LaneId(CompanyId.of("acme"), "xero");
        lanes.declare("xero", new ProviderLimits(60, 5, 5000, 0, Map.of(DocumentKind.INVOICE, 50, DocumentKind.CREDIT_NOTE, 25)));
        // one credit-note call: the notes, then one allocation each (Xero has no batch form for allocations)
        call(xero, "CREDIT_NOTE", 26, 25);
        for (int invoices = 0; invoices < 30; invoices++) {
            call(xero, "INVOICE", 1, 50);
        }

        // 4 of 60 left: room for invoice calls, not for another 26-call credit-note call
        assertThat(lanes.waitBeforeCall(xero, "CREDIT_NOTE")).as("credit notes wait for the window")
                .hasValueSatisfying(wait -> assertThat(wait.until()).isEqualTo(T0.plusSeconds(60)));
        for (int invoices = 0; invoices < 4; invoices++) {
            try (LaneCall invoiceCall = lanes.enter(xero, "INVOICE")) {
                assertThat(invoiceCall.held()).as("invoice call %d of the last 4", invoices + 1).isEmpty();
                lanes.called(xero);
            }
        }
        assertThat(lanes.enter(xero, "INVOICE").held()).as("the minute is spent to its last call").isPresent();
        assertThat(lanes.waitBeforeAnyCall(xero)).hasValueSatisfying(wait -> assertThat(wait.until()).isEqualTo(T0.plusSeconds(60)));
    }

    @Test
    void aKindOfCallTheLaneHasNotMadeYetKeepsWhatAnyRecentCallTookSoItsFirstCallCannotStartShort() {
        LaneId xero = new LaneId(CompanyId.of("acme"), "xero");
        lanes.declare("xero", new ProviderLimits(60, 5, 5000, 0, Map.of(DocumentKind.INVOICE, 50, DocumentKind.CREDIT_NOTE, 25)));
        call(xero, "CREDIT_NOTE", 26, 25);
        for (int calls = 0; calls < 20; calls++) {
            lanes.called(xero);
        }

        assertThat(lanes.enter(xero, "PAYMENT").held()).as("14 left; payments never called, a recent call took 26").isPresent();
        assertThat(lanes.enter(xero, "CREDIT_NOTE").held()).isPresent();
        assertThat(lanes.waitBeforeAnyCall(xero)).as("a single call still fits").isEmpty();
    }

    /** One engine call of {@code purpose} that the vendor counted as {@code units} calls, made inside the lane. */
    private void call(LaneId lane, String purpose, int units, int documents) {
        try (LaneCall entered = lanes.enter(lane, purpose)) {
            assertThat(entered.held()).isEmpty();
            LaneUsage before = lanes.usage(lane);
            lanes.called(lane, units, false);
            lanes.callTook(lane, purpose, lanes.usage(lane).since(before), documents);
        }
    }

    /** One engine call of one batch, as a turn makes it: the exchange counted, then what the call took. */
    private void sendBatch(int items) {
        LaneUsage before = lanes.usage(ACME);
        lanes.called(ACME, items, true);
        lanes.callTook(ACME, lanes.usage(ACME).since(before), items);
    }
}
