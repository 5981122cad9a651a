package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/** The sales account is the revenue account of every line whose category has none of its own, on the pushed invoice. */
class SalesAccountTest {

    private static final CompanyId ACME = CompanyId.of("acme");

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
        engine.connect(ACME);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aLineWhoseCategoryHasNoAccountOfItsOwnIsBookedToTheSalesAccount() {
        engine.setup.saveMappings(ACME, new Mappings(Map.of(ProductCategory.MATERIALS, "210"), Map.of(), Map.of("GST", "OUTPUT2"),
                "260", "090", Map.of(PaymentMethod.CARD, "091")));

        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), ProductCategory.LABOUR));
        engine.drain();

        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.invoicePushes).singleElement().satisfies(push -> assertThat(push.lines())
                .extracting(BookedLine::revenueAccount).as("Labour has no account: the sales account; Materials its own")
                .containsExactly("260", "210"));
    }

    @Test
    void withoutASalesAccountAnUnmappedCategoryFailsTheInvoiceNamingTheCategory() {
        engine.setup.saveMappings(ACME, new Mappings(Map.of(ProductCategory.MATERIALS, "210"), Map.of(), Map.of("GST", "OUTPUT2"),
                null, "090", Map.of()));

        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1"), ProductCategory.LABOUR));
        engine.drain();

        var status = engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow();
        assertThat(status.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(status.error().message()).contains("Labour");
        assertThat(xero.invoicePushes).isEmpty();
    }
}
