package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CallLogTest {

    private final CallLog quickBooks = new CallLog(Map.of(
            "POST /batch (create Customer ×30) 200", 1,
            "POST /batch (create Item ×3) 200", 1,
            "POST /batch (create Invoice ×30) 200", 3,
            "POST /batch (create Invoice ×30) 429", 2,
            "POST /batch (query ×2) 200", 1));

    @Test
    void aRefusedCallIsMadeButNotAdmitted() {
        assertThat(quickBooks.made()).isEqualTo(8);
        assertThat(quickBooks.admitted()).isEqualTo(6);
    }

    @Test
    void admittedBatchesCountTheirItemsAndRefusedOnesNothing() {
        assertThat(quickBooks.admittedItems()).isEqualTo(30 + 3 + 90 + 2);
    }

    @Test
    void theItemsCreatedAreReadFromTheBatchDescriptions() {
        assertThat(quickBooks.itemsCreated()).isEqualTo(3);
    }

    @Test
    void aXeroCallIsOneItem() {
        CallLog xero = new CallLog(Map.of("PUT /Invoices 200", 2, "GET /Contacts 200", 4, "PUT /CreditNotes/{id}/Allocations 429", 1));

        assertThat(xero.made()).isEqualTo(7);
        assertThat(xero.admittedItems()).isEqualTo(6);
        assertThat(xero.itemsCreated()).isZero();
    }

    @Test
    void theCallsInOrderReadAsOneLineWithRepeatsCounted() {
        CallLog log = new CallLog(Map.of(), List.of("POST /batch (query ×2) 200", "POST /batch (create Invoice ×30) 200",
                "POST /batch (create Invoice ×30) 200", "POST /batch (create Payment ×25) 200", "POST /batch (create Invoice ×30) 429",
                "POST /batch (create Invoice ×30) 200"));

        assertThat(log.inOrder()).isEqualTo("POST /batch (query ×2) 200 · POST /batch (create Invoice ×30) 200 ×2 · "
                + "POST /batch (create Payment ×25) 200 · POST /batch (create Invoice ×30) 429 · POST /batch (create Invoice ×30) 200");
    }

    @Test
    void aLogWithoutTheOrderSaysSo() {
        assertThat(quickBooks.inOrder()).isEqualTo("(order not recorded)");
    }
}
