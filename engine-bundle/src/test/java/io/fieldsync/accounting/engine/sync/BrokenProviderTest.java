package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * A provider that breaks in a way no verdict but {@link CallVerdict.Broken} covers ends with a status for every
 * document it carried, whichever call it breaks in: the round itself never crashes on it.
 */
class BrokenProviderTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final DocumentRef I1 = DocumentRef.invoice(ACME, "I-1");

    @TempDir
    Path keys;

    @AutoClose
    FreshDatabase database;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void startEngine() {
        database = TestDatabase.H2.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aLinkageErrorWhileLinkingCustomersRetriesTheirInvoicesWithTheReasonAndTheRetrySendsThem() {
        xero.nextCustomerCallErrs = new NoClassDefFoundError("io/fieldsync/accounting/xero/XeroContacts (bundle being updated)");
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus retried = engine.sync.status(I1).orElseThrow();
        assertThat(retried.error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(retried.error().detail()).contains("NoClassDefFoundError", "XeroContacts");
        assertThat(xero.invoicePushes).as("nothing of the invoice went out").isEmpty();

        engine.clock.advance(Duration.ofMillis(1100)); // the first retry delay of the test configuration
        engine.drain();

        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).hasSize(1);
    }

    @Test
    void aProviderAnsweringWithoutOutcomesLeavesItsDocumentsInDoubtToBeLookedUpBeforeAnyResend() {
        xero.nextInvoiceCallAnswersNull = true;
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus unknown = engine.sync.status(I1).orElseThrow();
        assertThat(unknown.status()).isEqualTo(SyncStatus.OUTCOME_UNKNOWN);
        assertThat(unknown.error().detail()).contains("without an outcome list");

        engine.clock.advance(Duration.ofMillis(1100));
        engine.drain();

        assertThat(engine.sync.status(I1).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).hasSize(2);
        assertThat(xero.invoicePushes.get(1).reconcileFirst()).isTrue();
        assertThat(xero.invoicePushes.get(1).key()).isEqualTo(xero.invoicePushes.get(0).key());
    }
}
