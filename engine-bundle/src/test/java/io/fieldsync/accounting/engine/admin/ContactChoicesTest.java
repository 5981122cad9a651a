package io.fieldsync.accounting.engine.admin;

import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ContactChoice;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.ContactImport;
import io.fieldsync.accounting.api.admin.ImportedContact;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** The admin's decision per row of a customer import: a manual link, create in the host, create in the accounting system, ignore. */
class ContactChoicesTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final Customer BAYSIDE = new Customer("C-1", "Bayside Club", null, null, null);
    private static final Customer HARBOUR = new Customer("C-2", "Harbour Ltd", "accounts@harbour.example", null, null);
    private static final Customer TWIN = new Customer("C-3", "Twin Co", null, null, null);

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
                new RemoteContact("r-1", "Bayside Sports Club Inc", "secretary@bayside.example", true),
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
    void eachRowGetsTheAdminsDecisionAndTheReportSaysWhatWasDone() {
        ContactImport report = engine.setup.applyContactChoices(ACME, List.of(BAYSIDE, HARBOUR, TWIN), List.of(
                new ContactChoice("r-1", "C-1", ContactDecision.MAPPED),
                new ContactChoice("r-5", "C-3", ContactDecision.MAPPED),
                new ContactChoice("r-3", null, ContactDecision.CREATE_IN_HOST),
                new ContactChoice("r-4", null, ContactDecision.IGNORED),
                new ContactChoice(null, "C-2", ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM)));

        assertThat(report.contacts()).extracting(ImportedContact::remoteId, ImportedContact::hostCustomerId, ImportedContact::decision)
                .containsExactly(
                        Tuple.tuple("r-1", "C-1", ContactDecision.MAPPED),
                        Tuple.tuple("r-5", "C-3", ContactDecision.MAPPED),
                        Tuple.tuple("r-3", null, ContactDecision.CREATE_IN_HOST),
                        Tuple.tuple("r-4", null, ContactDecision.IGNORED),
                        Tuple.tuple(null, "C-2", ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM));
        assertThat(report.contacts().get(2)).as("what the host needs to create its customer")
                .extracting(ImportedContact::name, ImportedContact::email).containsExactly("Quay Cafe", "hello@quay.example");
        assertThat(report.hostCustomersWithoutContact()).containsExactly("C-2");
        assertThat(report.count(ContactDecision.MAPPED)).isEqualTo(2);
    }

    @Test
    void aManualLinkIsUsedByTheCustomersNextInvoiceWhateverTheNames() {
        engine.setup.applyContactChoices(ACME, List.of(BAYSIDE), List.of(new ContactChoice("r-1", "C-1", ContactDecision.MAPPED)));

        engine.sync.invoiceLocked(ACME, invoice("I-1", BAYSIDE));
        engine.drain();

        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.customerPushes).as("no lookup, no create").isEmpty();
        assertThat(xero.invoicePushes).singleElement().satisfies(push -> assertThat(push.remoteCustomerId()).isEqualTo("r-1"));
    }

    @Test
    void createInTheAccountingSystemUnlinksTheCustomerSoItsNextInvoiceCreatesItsContact() {
        Customer quay = new Customer("C-3", "Quay Cafe", null, null, null);
        engine.setup.importContacts(ACME, List.of(quay));
        assertThat(engine.stores.customerLinks().find(ACME, "xero", "C-3")).as("paired by name").isPresent();

        engine.setup.applyContactChoices(ACME, List.of(quay), List.of(new ContactChoice(null, "C-3", ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM)));
        engine.sync.invoiceLocked(ACME, invoice("I-1", quay));
        engine.drain();

        assertThat(xero.customerPushes).singleElement().satisfies(push -> assertThat(push.customer().hostId()).isEqualTo("C-3"));
        assertThat(xero.invoicePushes).singleElement().satisfies(push -> assertThat(push.remoteCustomerId()).isEqualTo("contact-C-3"));
    }

    @Test
    void aBadRowRefusesTheWholeCallNamingItAndNothingIsApplied() {
        List<Customer> customers = List.of(BAYSIDE, HARBOUR);
        ContactChoice good = new ContactChoice("r-1", "C-1", ContactDecision.MAPPED);

        assertRefused(customers, List.of(good, new ContactChoice("r-9", "C-2", ContactDecision.MAPPED)), "choices[1].remoteContactId", "no contact");
        assertRefused(customers, List.of(good, new ContactChoice("r-2", "C-2", ContactDecision.MAPPED)), "choices[1].remoteContactId", "archived");
        assertRefused(customers, List.of(good, new ContactChoice("r-1", "C-2", ContactDecision.MAPPED)), "choices[1].remoteContactId", "twice");
        assertRefused(customers, List.of(good, new ContactChoice("r-3", "C-1", ContactDecision.MAPPED)), "choices[1].hostCustomerId", "twice");
        assertRefused(customers, List.of(good, new ContactChoice("r-3", "C-9", ContactDecision.MAPPED)), "choices[1].hostCustomerId", "no customer");
        assertRefused(customers, List.of(good, new ContactChoice("r-3", "C-2", ContactDecision.IGNORED)), "choices[1].hostCustomerId", "must be null");
        assertRefused(customers, List.of(good, new ContactChoice("r-3", "C-2", ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM)),
                "choices[1].remoteContactId", "must be null");

        assertThat(engine.stores.customerLinks().find(ACME, "xero", "C-1")).as("the good row was not applied").isEmpty();
    }

    private void assertRefused(List<Customer> customers, List<ContactChoice> choices, String field, String words) {
        assertThatThrownBy(() -> engine.setup.applyContactChoices(ACME, customers, choices))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo(field))
                .hasMessageContaining(words);
    }
}
