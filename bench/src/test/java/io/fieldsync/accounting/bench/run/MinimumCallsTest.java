package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinimumCallsTest {

    /** The demo's standard plan: 30 customers, 3 item categories, 100 invoices, 40 payments, 5 cancellations. */
    private static final PlanRecords STANDARD = new PlanRecords(30, 3, 100, 40, 5);

    @Test
    void xeroCountsOneAllocationCallPerCreditNoteBecauseTheEndpointNamesOneNote() {
        MinimumCalls minimum = MinimumCalls.xero(STANDARD, false);

        // lookups 1 + contacts 1 + invoices 2 + payments 1 + credit notes 1 + allocations 5
        assertThat(minimum.calls()).isEqualTo(11);
        assertThat(minimum.formula()).contains("= 1 + 1 + 2 + 1 + 1 + 5 = 11", "C=30 I=100 P=40 X=5");
    }

    @Test
    void xeroWithABatchedAllocationFormCountsFiftyAllocationsACall() {
        assertThat(MinimumCalls.xero(STANDARD, true).calls()).isEqualTo(7);
        assertThat(MinimumCalls.xero(new PlanRecords(150, 0, 500, 200, 25), true).calls()).isEqualTo(4 + 2 + 10 + 4 + 1 + 1);
    }

    @Test
    void quickBooksFillsBatchesOfThirtyAcrossEntitiesInTheOrderTheyDependOnEachOther() {
        MinimumCalls minimum = MinimumCalls.quickBooks(STANDARD);

        // lookups 1 + customers and items ceil(33/30)=2 + invoices ceil(100/30)=4 + payments and memos ceil(45/30)=2 + applications 1
        assertThat(minimum.calls()).isEqualTo(10);
        assertThat(minimum.formula()).contains("= 1 + 2 + 4 + 2 + 1 = 10");
    }

    @Test
    void theRatioIsCallsMadeOverTheMinimum() {
        assertThat(MinimumCalls.quickBooks(STANDARD).ratio(14)).isEqualTo(1.4);
        assertThat(MinimumCalls.xero(STANDARD, false).ratio(11)).isEqualTo(1.0);
        assertThat(MinimumCalls.xero(new PlanRecords(0, 0, 0, 0, 0), false).ratio(0)).isNaN();
    }
}
