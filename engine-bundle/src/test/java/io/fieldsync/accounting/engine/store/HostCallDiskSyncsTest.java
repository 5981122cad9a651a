package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ShippedJournal;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * What a host call costs in disk syncs on the shipped H2 journal: one, shared with the callers of the moment. The
 * checks made at the door (is the invoice new, do its payments and credit notes fit it) only read, and the call's own
 * write waits for a sync that covers whatever they saw; a sync of their own only made the host wait for the disk up to
 * three times per document (EnqueueBenchmark).
 */
class HostCallDiskSyncsTest {

    private static final CompanyId COMPANY = CompanyId.of("acme");
    private static final String SYNC = "CHECKPOINT SYNC";

    @TempDir
    Path karafData;

    private ShippedJournal journal;
    private RecordingDataSource recorded;
    private TestEngine engine;

    @BeforeEach
    void openTheShippedJournal() {
        journal = ShippedJournal.open(karafData);
        recorded = RecordingDataSource.around(journal.dataSource());
        engine = new TestEngine(karafData, "none", recorded.dataSource());
    }

    @AfterEach
    void close() throws Exception {
        engine.close();
        journal.close();
    }

    @Test
    void aNewInvoiceWaitsForOneDiskSync() {
        long syncs = syncsOf(() -> engine.sync.invoiceLocked(COMPANY, Samples.invoice("I-1", Samples.customer("C-1"))));

        assertThat(syncs).isEqualTo(1);
    }

    @Test
    void anInvoiceLockedAgainUnchangedWaitsForOneDiskSync() {
        Invoice invoice = Samples.invoice("I-1", Samples.customer("C-1"));
        engine.sync.invoiceLocked(COMPANY, invoice);

        assertThat(syncsOf(() -> engine.sync.invoiceLocked(COMPANY, invoice))).isEqualTo(1);
    }

    @Test
    void aPaymentAndACreditNoteCheckedAgainstTheirInvoiceWaitForOneDiskSyncEach() {
        Invoice invoice = Samples.invoice("I-1", Samples.customer("C-1"));
        engine.sync.invoiceLocked(COMPANY, invoice);

        assertThat(syncsOf(() -> engine.sync.paymentCollected(COMPANY, Samples.payment("P-1", "I-1", "10.00", PaymentMethod.CASH))))
                .isEqualTo(1);
        assertThat(syncsOf(() -> engine.sync.invoiceCancelled(COMPANY, Samples.cancellation(invoice)))).isEqualTo(1);
    }

    @Test
    void aPaymentBeforeItsInvoiceAndThenTheInvoiceWaitForOneDiskSyncEach() {
        assertThat(syncsOf(() -> engine.sync.paymentCollected(COMPANY, Samples.payment("P-1", "I-1", "10.00", PaymentMethod.CASH))))
                .isEqualTo(1);
        assertThat(syncsOf(() -> engine.sync.invoiceLocked(COMPANY, Samples.invoice("I-1", Samples.customer("C-1")))))
                .isEqualTo(1);
    }

    @Test
    void aCreditNoteRefusedForNotFittingItsInvoiceWaitsForTheDiskBeforeTheRefusal() {
        Invoice invoice = Samples.invoice("I-1", Samples.customer("C-1"));
        engine.sync.invoiceLocked(COMPANY, invoice);
        engine.sync.invoiceCancelled(COMPANY, Samples.cancellation(invoice));
        CreditNote creditedTwice = CreditNote.cancelling(invoice, "CN-again", Samples.DAY.plusDays(6), "cancelled twice");

        long syncs = syncsOf(() -> assertThatThrownBy(() -> engine.sync.invoiceCancelled(COMPANY, creditedTwice))
                .isInstanceOf(InvalidInputException.class));

        assertThat(syncs).isEqualTo(1);
    }

    private long syncsOf(Runnable hostCall) {
        long before = syncs();
        hostCall.run();
        return syncs() - before;
    }

    private long syncs() {
        return recorded.events.stream().filter(SYNC::equals).count();
    }
}
