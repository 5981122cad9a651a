package io.fieldsync.accounting.engine.provider;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static io.fieldsync.accounting.engine.Samples.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

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
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.CompanyProvider;
import io.fieldsync.accounting.api.admin.RebindReport;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * Each company syncs to its own accounting system, switched live: new documents follow the switch, documents bound to
 * the old system keep going there until the admin rebinds them, and companies on different systems sync side by side.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ProviderPerCompanyTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId BOLT = CompanyId.of("bolt");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private TestEngine engine;
    private ScriptedProvider xero;
    private ScriptedProvider quickbooks;

    @BeforeEach
    void startEngine() {
        database = kind.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.setup.saveMappings(BOLT, Samples.completeMappings());
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aCompanyWithoutAChoiceUsesTheConfiguredProvider() {
        CompanyProvider acme = engine.providers.provider(ACME);

        assertThat(acme.provider()).isEqualTo("xero");
        assertThat(acme.chosen()).isFalse();
        assertThat(acme.installed()).isTrue();
        assertThat(acme.waitingReason()).isNull();
    }

    @Test
    void documentsQueuedBeforeASwitchGoToTheNewProviderWithoutARestart() {
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.drain();
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.DISCONNECTED);

        CompanyProvider chosen = engine.providers.choose(ACME, "quickbooks", "alice");
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        engine.drain();

        assertThat(chosen.chosen()).isTrue();
        assertThat(chosen.chosenBy()).isEqualTo("alice");
        assertThat(chosen.chosenAt()).isEqualTo(engine.clock.instant());
        assertThat(status(DocumentRef.invoice(ACME, "I-1"))).satisfies(synced -> {
            assertThat(synced.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(synced.provider()).isEqualTo("quickbooks");
        });
        assertThat(status(DocumentRef.invoice(ACME, "I-2")).provider()).isEqualTo("quickbooks");
        assertThat(xero.invoicePushes).isEmpty();
        assertThat(quickbooks.invoicePushes).extracting(push -> push.invoice().hostId()).containsExactly("I-1", "I-2");
    }

    @Test
    void documentsBoundToTheOldProviderKeepGoingThereAndAPaymentFollowsItsInvoice() {
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        engine.providers.choose(ACME, "quickbooks", "alice");
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);

        // an edit of the synced invoice, a first payment of it, and a new invoice
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), ProductCategory.MATERIALS));
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CASH));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.drain();

        assertThat(xero.invoicePushes).extracting(push -> push.invoice().hostId()).containsExactly("I-1", "I-1");
        assertThat(xero.invoicePushes.get(1).remoteInvoiceId()).isEqualTo(status(DocumentRef.invoice(ACME, "I-1")).remoteId());
        assertThat(xero.paymentPushes).extracting(push -> push.payment().hostId()).containsExactly("P-1");
        assertThat(status(DocumentRef.payment(ACME, "P-1")).provider()).isEqualTo("xero");
        assertThat(quickbooks.invoicePushes).extracting(push -> push.invoice().hostId()).containsExactly("I-2");
        assertThat(quickbooks.paymentPushes).isEmpty();
    }

    @Test
    void aCreditNoteFollowsItsInvoiceToTheOldProviderEvenIfNeverAttempted() {
        engine.connect(ACME);
        io.fieldsync.accounting.api.Invoice invoice = invoice("I-1", customer("C-1"));
        engine.sync.invoiceLocked(ACME, invoice);
        engine.drain();
        engine.providers.choose(ACME, "quickbooks", "alice");
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);

        engine.sync.invoiceCancelled(ACME, Samples.cancellation(invoice));
        engine.drain();

        assertThat(xero.creditNotePushes).extracting(push -> push.creditNote().invoiceHostId()).containsExactly("I-1");
        assertThat(quickbooks.creditNotePushes).isEmpty();
    }

    @Test
    void aSwitchWakesTheDispatcherForTheDocumentsThatWaitedForAProvider() {
        engine.connect(ACME);
        engine.providers.choose(ACME, "myob", "alice");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.pass();
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);

        engine.providers.choose(ACME, "xero", "alice");

        // no pass asked for, no time passed: the switch itself sent it
        assertThat(status(DocumentRef.invoice(ACME, "I-1")).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void twoCompaniesOnTwoProvidersDrainInOnePass() {
        engine.connect(ACME);
        engine.providers.choose(BOLT, "quickbooks", "alice");
        engine.setup.saveMappings(BOLT, Samples.completeMappings());
        engine.connect(BOLT);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(BOLT, invoice("J-1", customer("D-1")));

        engine.pass();

        assertThat(status(DocumentRef.invoice(ACME, "I-1"))).satisfies(synced -> {
            assertThat(synced.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(synced.provider()).isEqualTo("xero");
        });
        assertThat(status(DocumentRef.invoice(BOLT, "J-1"))).satisfies(synced -> {
            assertThat(synced.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(synced.provider()).isEqualTo("quickbooks");
        });
    }

    @Test
    void aProviderThatIsNotInstalledMayBeChosenAndItsDocumentsWaitWithTheReason() {
        CompanyProvider chosen = engine.providers.choose(ACME, "myob", "alice");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        assertThat(chosen.installed()).isFalse();
        assertThat(chosen.waitingReason()).contains("'myob' is not installed").contains("xero").contains("quickbooks");
        DocumentStatus waiting = status(DocumentRef.invoice(ACME, "I-1"));
        assertThat(waiting.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(waiting.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(waiting.error().message()).contains("myob");
    }

    @Test
    void aGarbageProviderIdIsRefusedWithATypedError() {
        assertThatThrownBy(() -> engine.providers.choose(ACME, "Xero; DROP TABLE", "alice"))
                .isInstanceOfSatisfying(AccountingException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(refused.getMessage()).contains("is not an accounting provider id");
                });
        assertThat(engine.providers.provider(ACME).chosen()).isFalse();
    }

    @Test
    void aCompanyBackOnTheDefaultFollowsTheConfigurationAgain() {
        engine.providers.choose(ACME, "quickbooks", "alice");

        CompanyProvider back = engine.providers.useDefault(ACME, "bob");
        engine.use("quickbooks");

        assertThat(back.chosen()).isFalse();
        assertThat(engine.providers.provider(ACME).provider()).isEqualTo("quickbooks");
        assertThat(engine.providers.companies()).extracting(CompanyProvider::company).doesNotContain(BOLT);
    }

    @Test
    void aRebindMovesWhatNeverReachedTheOldProviderAndSaysWhyTheRestStays() {
        engine.connect(ACME);
        xero.invoiceOutcome = push -> switch (push.invoice().hostId()) {
            case "I-2" -> PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice I-2"));
            case "I-3" -> PushOutcome.unknown(push.document(), "the answer was lost");
            default -> PushOutcome.synced(push.document(), "xero-inv-" + push.invoice().hostId(), push.invoice().number());
        };
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-3", customer("C-1")));
        engine.pass();
        engine.providers.choose(ACME, "quickbooks", "alice");
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        // never attempted: P-1 follows I-1 (synced in Xero), P-2 follows I-2 (refused there)
        engine.sync.paymentCollected(ACME, payment("P-1", "I-1", "10.00", PaymentMethod.CASH));
        engine.sync.paymentCollected(ACME, payment("P-2", "I-2", "10.00", PaymentMethod.CASH));

        RebindReport report = engine.providers.rebind(ACME);

        assertThat(report.provider()).isEqualTo("quickbooks");
        assertThat(report.moved()).containsExactlyInAnyOrder(DocumentRef.invoice(ACME, "I-2"), DocumentRef.payment(ACME, "P-2"));
        assertThat(report.kept()).extracting(kept -> kept.document().hostId()).containsExactlyInAnyOrder("I-1", "I-3", "P-1");
        assertThat(report.kept()).allSatisfy(kept -> assertThat(kept.provider()).isEqualTo("xero"));
        assertThat(reason(report, "I-1")).contains("exists in xero");
        assertThat(reason(report, "I-3")).contains("may exist in xero");
        assertThat(reason(report, "P-1")).contains("its invoice I-1 stays in xero");

        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-2"))).satisfies(moved -> {
            assertThat(moved.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(moved.provider()).isEqualTo("quickbooks");
        });
        assertThat(status(DocumentRef.payment(ACME, "P-2")).provider()).isEqualTo("quickbooks");
        assertThat(status(DocumentRef.payment(ACME, "P-1")).provider()).isEqualTo("xero");
        assertThat(quickbooks.invoicePushes).extracting(push -> push.invoice().hostId()).containsExactly("I-2");
        assertThat(quickbooks.invoicePushes.get(0).reconcileFirst()).isFalse();
    }

    @Test
    void nothingMovesWithoutARebind() {
        engine.connect(ACME);
        xero.invoiceOutcome = push -> PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice I-1"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.pass();
        engine.providers.choose(ACME, "quickbooks", "alice");
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);

        engine.sync.retry(DocumentRef.invoice(ACME, "I-1"));
        engine.drain();

        assertThat(status(DocumentRef.invoice(ACME, "I-1")).provider()).isEqualTo("xero");
        assertThat(quickbooks.invoicePushes).isEmpty();
        assertThat(xero.invoicePushes).hasSize(2);
    }

    private static String reason(RebindReport report, String hostId) {
        return report.kept().stream().filter(kept -> kept.document().hostId().equals(hostId)).findFirst().orElseThrow().reason();
    }

    private DocumentStatus status(DocumentRef document) {
        return engine.sync.status(document).orElseThrow();
    }
}
