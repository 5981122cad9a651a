package io.fieldsync.accounting.engine.admin;

import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.ContactImport;
import io.fieldsync.accounting.api.admin.ImportedContact;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

class ContactImportTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void connect() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        xero.remoteContacts.addAll(List.of(
                new RemoteContact("r-1", " bayside CLUB ", "secretary@bayside.example", true),
                new RemoteContact("r-2", "Old Customer", null, false),
                new RemoteContact("r-3", "Quay Cafe", "hello@quay.example", true),
                new RemoteContact("r-4", "Twin Co", null, true),
                new RemoteContact("r-5", "Twin Co", null, true)));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void contactsArePairedWithHostCustomersByNameAndEveryContactGetsADecisionWithAReason() {
        Customer bayside = new Customer("C-1", "Bayside Club", null, null, null);
        Customer harbour = new Customer("C-2", "Harbour Ltd", null, null, null);
        Customer twin = new Customer("C-3", "Twin Co", null, null, null);

        ContactImport report = engine.setup.importContacts(ACME, List.of(bayside, harbour, twin));

        assertThat(report.contacts()).extracting(ImportedContact::remoteId, ImportedContact::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r-1", ContactDecision.MAPPED),
                org.assertj.core.groups.Tuple.tuple("r-2", ContactDecision.IGNORED),
                org.assertj.core.groups.Tuple.tuple("r-3", ContactDecision.CREATE_IN_HOST),
                org.assertj.core.groups.Tuple.tuple("r-4", ContactDecision.IGNORED),
                org.assertj.core.groups.Tuple.tuple("r-5", ContactDecision.IGNORED));
        assertThat(report.contacts().get(0).hostCustomerId()).isEqualTo("C-1");
        assertThat(report.contacts().get(3).reason()).contains("not unique");
        assertThat(report.hostCustomersWithoutContact()).containsExactly("C-2", "C-3");
        assertThat(report.count(ContactDecision.MAPPED)).isEqualTo(1);
    }

    @Test
    void anImportedCustomersFirstInvoiceUsesTheLinkedContactWithNoLookup() {
        Customer bayside = new Customer("C-1", "Bayside Club", null, null, null);
        engine.setup.importContacts(ACME, List.of(bayside));

        engine.sync.invoiceLocked(ACME, invoice("I-1", bayside));
        engine.drain();

        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.customerPushes).isEmpty();
        assertThat(xero.invoicePushes).singleElement().satisfies(push -> assertThat(push.remoteCustomerId()).isEqualTo("r-1"));
    }
}
