package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.sandbox.testing.Exchange;

/**
 * The calls a batch of credit notes costs: a push that says its invoice's currency and that it went approved is
 * created and allocated without reading the invoice; Xero checks the allocation, and only its refusal reads it.
 */
class XeroCreditNoteCallsTest extends XeroSandboxTestBase {

    @Test
    void aCancellationOfAnInvoiceSentApprovedIsCreatedAndAllocatedWithoutReadingTheInvoice() {
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-1", "FS-9001", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();
        proxy.exchanges.clear();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(creditNoteRef("CN-1"),
                key("CN-1"), CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), "job cancelled"), contact, invoiceId, NZD))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).contains("allocated 253.00");
        assertThat(apiCalls()).extracting(XeroCreditNoteCallsTest::call)
                .containsExactly("PUT /CreditNotes", "PUT /CreditNotes/" + credited.remoteId() + "/Allocations");
        RemoteInvoiceState state = provider.ledger().invoiceState(session, invoiceId);
        assertThat(state.payment().amountDue()).isEqualByComparingTo("0.00");
        assertThat(state.payment().amountCredited()).isEqualByComparingTo("253.00");
    }

    @Test
    void aCancellationOfAnInvoicePartlyPaidInXeroIsAllocatedUpToWhatItStillOwesAfterXerosRefusalAndOneRead() {
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-1", "FS-9101", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();
        demo.receivePayment(demo.invoice(UUID.fromString(invoiceId)).orElseThrow(), demo.accountByCode("090").orElseThrow(), DAY.plusDays(1),
                new BigDecimal("53.00"), "at the counter", false, clock.instant());
        proxy.exchanges.clear();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(creditNoteRef("CN-1"),
                key("CN-1"), CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(2), "job cancelled"), contact, invoiceId, NZD))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).contains("allocated 200.00");
        String allocations = "PUT /CreditNotes/" + credited.remoteId() + "/Allocations";
        assertThat(apiCalls()).extracting(XeroCreditNoteCallsTest::call)
                .containsExactly("PUT /CreditNotes", allocations, "GET /Invoices", allocations);
        assertThat(provider.ledger().invoiceState(session, invoiceId).payment().amountDue()).isEqualByComparingTo("0.00");
        assertThat(demo.creditNotes()).as("one credit note, never a second").hasSize(1);
    }

    @Test
    void aCreditNoteWhoseInvoiceIsNotKnownToHaveGoneApprovedStillReadsItFirst() {
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-1", "FS-9201", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0).remoteId();
        proxy.exchanges.clear();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(creditNoteRef("CN-1"),
                key("CN-1"), CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), null), contact, invoiceId, false))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(apiCalls()).extracting(XeroCreditNoteCallsTest::call).first().isEqualTo("GET /Invoices");
    }

    private static DocumentRef creditNoteRef(String hostId) {
        return new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, hostId);
    }

    private List<Exchange> apiCalls() {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().contains("/api.xro/")).toList();
    }

    private static String call(Exchange exchange) {
        return exchange.method() + " " + exchange.uri().getPath().substring(exchange.uri().getPath().indexOf("/api.xro/2.0") + 12);
    }
}
