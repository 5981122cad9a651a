package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Currency;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** A customer is pushed with the currency of the invoice it is linked for: QuickBooks fixes it when it creates one. */
class CustomerCurrencyTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider quickbooks;

    @BeforeEach
    void startEngine() {
        engine = new TestEngine(keys, "quickbooks");
        quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void theCustomerOfAnInvoiceIsPushedWithTheInvoicesCurrency() {
        engine.connect(ACME);
        Invoice nzd = invoice("I-1", customer("C-1"));
        Invoice eur = invoice("I-2", customer("C-2"));
        eur = new Invoice(eur.hostId(), eur.number(), eur.customer(), eur.issueDate(), eur.dueDate(), Currency.getInstance("EUR"), null,
                eur.amountType(), eur.lines(), eur.reference());
        engine.sync.invoiceLocked(ACME, nzd);
        engine.sync.invoiceLocked(ACME, eur);

        engine.drain();

        assertThat(quickbooks.customerPushes).extracting(push -> push.customer().hostId() + " " + push.currency())
                .containsExactlyInAnyOrder("C-1 NZD", "C-2 EUR");
    }
}
