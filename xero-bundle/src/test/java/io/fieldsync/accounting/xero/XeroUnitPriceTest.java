package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;

/**
 * Unit prices of four decimals, as the host may send them (MoneyRules): Xero rounds UnitAmount to two decimals
 * unless the request says {@code unitdp=4} (OpenAPI parameter {@code unitdp}), and the totals then drift.
 */
class XeroUnitPriceTest extends XeroSandboxTestBase {

    /** 3 × 33.3333 = 99.9999 → 100.00 before tax, 115.00 with GST; rounded to 33.33 Xero would book 99.99 and 114.99. */
    static Invoice fourDecimalInvoice(String hostId, String number) {
        Customer customer = new Customer("C-B", "Bayside Club", "secretary@bayside.example", null, null);
        return new Invoice(hostId, number, customer, DAY, DAY.plusDays(20), NZD, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Filter cartridges", new BigDecimal("3"), new BigDecimal("33.3333"), ProductCategory.MATERIALS, List.of("GST"))),
                "JOB-" + hostId);
    }

    @Test
    void anInvoiceWithFourDecimalUnitPricesKeepsThemAndTheHostsTotal() {
        Invoice invoice = fourDecimalInvoice("I-4", "FS-4001");

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contactId("Bayside Club")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(demo.invoiceByNumber("ACCREC", "FS-4001")).hasValueSatisfying(stored -> {
            assertThat(stored.lines().get(0).unitAmount()).isEqualByComparingTo("33.3333");
            assertThat(stored.totals().subTotal()).isEqualByComparingTo(invoice.linesTotal());
            assertThat(stored.totals().total()).isEqualByComparingTo("115.00");
        });
    }

    @Test
    void aCancelledFourDecimalInvoiceIsCreditedToTheLastCent() {
        String contact = contactId("Bayside Club");
        Invoice invoice = fourDecimalInvoice("I-5", "FS-4002");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE,
                "CN-4"), key("CN-4"), CreditNote.cancelling(invoice, "CN-4", DAY.plusDays(1), "job cancelled"), contact, invoiceId, false))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        RemoteInvoiceState state = provider.ledger().invoiceState(session, invoiceId);
        assertThat(state.payment().amountCredited()).isEqualByComparingTo("115.00");
        assertThat(state.payment().amountDue()).isEqualByComparingTo("0.00");
    }

    @Test
    void everyReadAndWriteOfInvoicesAndCreditNotesAsksForFourDecimalUnitPrices() {
        String contact = contactId("Bayside Club");
        Invoice invoice = fourDecimalInvoice("I-6", "FS-4003");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();
        provider.ledger().invoiceState(session, invoiceId);
        provider.ledger().invoiceStates(session, List.of(invoiceId));
        provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, "CN-6"), key("CN-6"),
                CreditNote.cancelling(invoice, "CN-6", DAY.plusDays(1), "job cancelled"), contact, invoiceId, true)));

        assertThat(proxy.exchanges).filteredOn(exchange -> exchange.uri().getPath().matches(".*/api.xro/2.0/(Invoices|CreditNotes)(/[^/]+)?"))
                .isNotEmpty()
                .allSatisfy(exchange -> assertThat(exchange.uri().getQuery()).as(exchange.method() + " " + exchange.uri())
                        .contains("unitdp=4"));
    }
}
