package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.cancellation;
import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static io.fieldsync.accounting.engine.Samples.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/** A company whose settings turn automatic sync off: its documents wait NOT_ATTEMPTED until the admin syncs them. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ManualSyncTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final DocumentRef I1 = DocumentRef.invoice(ACME, "I-1");
    private static final DocumentRef P1 = DocumentRef.payment(ACME, "P-1");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

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
        engine.connect(ACME);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    private static SyncSettings autoSync(boolean invoices, boolean payments) {
        return new SyncSettings(InvoiceStatusOnPush.APPROVED, true, false, invoices, payments, null);
    }

    private SyncStatus status(DocumentRef document) {
        return engine.sync.status(document).orElseThrow().status();
    }

    @Test
    void withInvoiceAutoSyncOffAnInvoiceAndItsCreditNoteWaitNotAttemptedUntilTheAdminSyncsThem() {
        engine.setup.saveSettings(ACME, autoSync(false, true));
        Invoice invoice = invoice("I-1", customer("C-1"));

        engine.sync.invoiceLocked(ACME, invoice);
        engine.sync.invoiceCancelled(ACME, cancellation(invoice));
        engine.clock.advance(Duration.ofMinutes(5));
        engine.drain();

        assertThat(status(I1)).isEqualTo(SyncStatus.NOT_ATTEMPTED);
        assertThat(status(DocumentRef.creditNote(ACME, cancellation(invoice).hostId()))).isEqualTo(SyncStatus.NOT_ATTEMPTED);
        assertThat(xero.invoicePushes).isEmpty();
        assertThat(xero.creditNotePushes).isEmpty();

        assertThat(engine.sync.retry(I1)).isPresent();
        engine.drain();

        assertThat(status(I1)).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).hasSize(1);
    }

    @Test
    void withOnlyPaymentAutoSyncOffInvoicesGoAndPaymentsWait() {
        engine.setup.saveSettings(ACME, autoSync(true, false));

        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CARD));
        engine.drain();

        assertThat(status(I1)).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(P1)).isEqualTo(SyncStatus.NOT_ATTEMPTED);
        assertThat(xero.paymentPushes).isEmpty();

        engine.sync.retry(P1);
        engine.drain();

        assertThat(status(P1)).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.paymentPushes).hasSize(1);
    }

    @Test
    void aRepeatOrANewRevisionOfAWaitingInvoiceStillWaits() {
        engine.setup.saveSettings(ACME, autoSync(false, false));
        Invoice invoice = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, invoice);

        engine.sync.invoiceLocked(ACME, invoice);
        assertThat(status(I1)).as("a repeat").isEqualTo(SyncStatus.NOT_ATTEMPTED);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), "Materials"));
        engine.drain();

        assertThat(status(I1)).as("a new revision").isEqualTo(SyncStatus.NOT_ATTEMPTED);
        assertThat(xero.invoicePushes).isEmpty();
    }

    @Test
    void aChangeToASyncedInvoiceWaitsForTheAdminWhileAutoSyncIsOff() {
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        engine.setup.saveSettings(ACME, autoSync(false, true));

        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), "Materials"));
        engine.drain();

        assertThat(status(I1)).isEqualTo(SyncStatus.NOT_ATTEMPTED);
        assertThat(xero.invoicePushes).hasSize(1);
    }

    @Test
    void documentsHandedOverWhileAutoSyncWasOnAreSentAfterItIsTurnedOff() {
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.setup.saveSettings(ACME, autoSync(false, false));

        engine.drain();

        assertThat(status(I1)).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void switchingAutoSyncOrThePollingIntervalKeepsTheKeyOfAnInvoiceInDoubtSoItIsNotSentTwice() {
        xero.nextInvoiceCallFails = new IllegalStateException("connection reset after the request was written");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        assertThat(status(I1)).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);

        engine.setup.saveSettings(ACME, new SyncSettings(InvoiceStatusOnPush.APPROVED, true, false, true, false, 60));
        engine.clock.advance(Duration.ofHours(2));
        engine.drain();

        assertThat(status(I1)).isEqualTo(SyncStatus.SYNCED);
        List<InvoicePush> pushes = xero.invoicePushes;
        assertThat(pushes).extracting(InvoicePush::key).hasSize(2).containsOnly(pushes.get(0).key());
    }

    @Test
    void thePayloadContextOfACompanyIsTheSameAsBeforeTheSwitchesExistedSoKeysMadeBeforeAnUpgradeStay() {
        engine.setup.saveSettings(ACME, new SyncSettings(InvoiceStatusOnPush.DRAFT, false, true, false, false, 30));
        RoundScope round = new RoundScope(ACME, RoundStores.of(engine.stores), engine.directory.provider("xero").orElseThrow(), null,
                engine.clock, null);

        assertThat(round.payloadContext()).isEqualTo(AttemptKeys.digest(new Json().write(Samples.completeMappings()),
                "{\"keepHostInvoiceNumbers\":false,\"pushInvoicesAs\":\"DRAFT\",\"twoWayNameSync\":true}"));
    }

    @Test
    void mappingsSavedWithATaxLiabilityAccountBeforeItWasDroppedKeepTheKeysTheyGaveSoNoDocumentInDoubtIsSentTwice() throws Exception {
        String savedBy12 = "{\"depositAccount\":\"090\",\"depositAccountByMethod\":{},\"itemByCategory\":{},"
                + "\"revenueAccountByCategory\":{\"Labour\":\"200\"},\"salesAccount\":null,"
                + "\"taxLiabilityAccount\":\"820\",\"taxRateByHostTaxRate\":{\"GST\":\"OUTPUT2\"}}";
        try (var connection = database.dataSource().getConnection();
             var update = connection.prepareStatement("UPDATE mappings SET mappings = ? WHERE company_id = 'acme' AND provider = 'xero'")) {
            update.setString(1, savedBy12);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        RoundScope round = new RoundScope(ACME, RoundStores.of(engine.stores), engine.directory.provider("xero").orElseThrow(), null,
                engine.clock, null);

        assertThat(round.payloadContext()).isEqualTo(AttemptKeys.digest(savedBy12,
                "{\"keepHostInvoiceNumbers\":true,\"pushInvoicesAs\":\"APPROVED\",\"twoWayNameSync\":false}"));
        assertThat(engine.setup.mappings(ACME).revenueAccountFor("Labour")).contains("200");
    }
}
