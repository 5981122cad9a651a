package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** A batched call is logged once, as the provider logs it, and found from every document it carried. */
class BatchedCallLogTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void connect() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        xero.metered = true;
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
    }

    @AfterEach
    void close() throws Exception {
        engine.close();
    }

    @Test
    void aBatchOfThreeInvoicesIsOneCallThatEachOfThemFinds() {
        List<DocumentRef> batch = List.of(DocumentRef.invoice(ACME, "I-1"), DocumentRef.invoice(ACME, "I-2"), DocumentRef.invoice(ACME, "I-3"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-2")));
        engine.sync.invoiceLocked(ACME, invoice("I-3", customer("C-3")));

        engine.drain();

        assertThat(xero.invoiceCalls.get()).as("the three went in one call").isEqualTo(1);
        assertThat(engine.sync.syncLog(SyncLogQuery.latest(ACME, 100))).filteredOn(call -> call.operation().equals("invoices"))
                .singleElement().satisfies(call -> assertThat(call.document()).as("logged once, about no single document").isNull());
        for (DocumentRef invoice : batch) {
            assertThat(engine.sync.syncLog(new SyncLogQuery(ACME, invoice, false, null, 100)))
                    .as("the calls %s went in", invoice.hostId())
                    .filteredOn(call -> call.operation().equals("invoices")).singleElement()
                    .satisfies(call -> assertThat(call.carried()).containsExactlyInAnyOrderElementsOf(batch));
        }
    }

    @Test
    void aCallThatCarriedNoDocumentIsLinkedToNone() {
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        assertThat(engine.sync.syncLog(SyncLogQuery.latest(ACME, 100))).filteredOn(call -> !call.operation().equals("invoices"))
                .extracting(SyncLogEntry::carried).allSatisfy(carried -> assertThat(carried).isEmpty());
    }
}
