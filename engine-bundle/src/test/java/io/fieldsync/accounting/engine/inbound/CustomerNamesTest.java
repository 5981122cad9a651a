package io.fieldsync.accounting.engine.inbound;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
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
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/** Two-way name sync: names changed in the accounting system reach the host once, only when asked for. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CustomerNamesTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final SyncSettings NAMES_BACK = new SyncSettings(InvoiceStatusOnPush.APPROVED, true, true);

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    /** Closed after the engine (JUnit closes it once the test and its @AfterEach are done). */
    @AutoClose
    FreshDatabase database;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void syncTwoCustomers() {
        database = kind.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-2")));
        engine.drain();
        xero.remoteContacts.addAll(List.of(new RemoteContact("contact-C-1", "Customer C-1", "c-1@example.com", true),
                new RemoteContact("contact-C-2", "Customer C-2", "c-2@example.com", true),
                new RemoteContact("someone-else", "Unrelated Ltd", null, true)));
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aContactRenamedInTheAccountingSystemReachesTheHostOnceWhenTheCompanyAskedForNames() {
        engine.setup.saveSettings(ACME, NAMES_BACK);
        rename("contact-C-2", "Customer Two Holdings Ltd");

        contactUpdated("contact-C-2");
        contactUpdated("contact-C-2");

        assertThat(engine.renamesHeard).containsExactly("C-2=Customer Two Holdings Ltd");
    }

    @Test
    void aContactThatCannotBeReadDoesNotCostTheOtherRenamesOfTheDelivery() {
        engine.setup.saveSettings(ACME, NAMES_BACK);
        rename("contact-C-2", "Customer Two Holdings Ltd");
        xero.unreadableIds.add("contact-C-1");

        engine.remoteUpdates.accept("xero", List.of(new RemoteEvent("tenant-1", RemoteResourceType.CONTACT, "contact-C-1", RemoteEventType.UPDATE, engine.clock.instant()),
                new RemoteEvent("tenant-1", RemoteResourceType.CONTACT, "contact-C-2", RemoteEventType.UPDATE, engine.clock.instant())));
        engine.remoteUpdates.settle();
        engine.notifier.flush();

        assertThat(engine.renamesHeard).containsExactly("C-2=Customer Two Holdings Ltd");
    }

    @Test
    void aContactUpdateThatLeftTheNameAloneTellsTheHostNothing() {
        engine.setup.saveSettings(ACME, NAMES_BACK);

        contactUpdated("contact-C-1");

        assertThat(engine.renamesHeard).isEmpty();
    }

    @Test
    void withoutTwoWayNameSyncNothingIsReadAndTheHostHearsNothing() {
        rename("contact-C-1", "Renamed In Xero");

        contactUpdated("contact-C-1");

        assertThat(engine.renamesHeard).isEmpty();
        assertThat(xero.contactPageReads).hasValue(0);
    }

    @Test
    void aContactNoHostCustomerIsLinkedToCostsNoCall() {
        engine.setup.saveSettings(ACME, NAMES_BACK);
        rename("someone-else", "Still Unrelated Ltd");

        contactUpdated("someone-else");

        assertThat(engine.renamesHeard).isEmpty();
        assertThat(xero.contactPageReads).hasValue(0);
    }

    private void rename(String remoteId, String name) {
        xero.remoteContacts.replaceAll(contact -> contact.remoteId().equals(remoteId)
                ? new RemoteContact(remoteId, name, contact.email(), contact.active()) : contact);
    }

    private void contactUpdated(String remoteId) {
        engine.remoteUpdates.accept("xero", List.of(new RemoteEvent("tenant-1", RemoteResourceType.CONTACT, remoteId, RemoteEventType.UPDATE, engine.clock.instant())));
        engine.remoteUpdates.settle();
        engine.notifier.flush();
    }
}
