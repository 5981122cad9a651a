package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * The calls a push of new credit notes costs when the engine says their invoices' currency (it always does): a memo in
 * the home currency is created and its whole credit applied without reading the invoice first; QuickBooks checks the
 * application against the invoice's Balance, and only its refusal reads the invoice.
 */
class QboCreditMemoCallsTest extends QboSandboxTestBase {

    @Test
    void newHomeCurrencyMemosAreCreatedAndAppliedInTwoBatchCallsWithoutReadingTheirInvoices() {
        String customer = customerId("Northside Electrical");
        Invoice full = invoice("I-1", "FS-7001", ProductCategory.LABOUR);
        Invoice partial = invoice("I-2", "FS-7002", ProductCategory.LABOUR);
        List<PushOutcome> invoices = provider.documents().pushInvoices(session, List.of(invoicePush(full, customer), invoicePush(partial, customer)));
        CreditNote refund = new CreditNote("CN-2", "I-2", "CN-2", DAY.plusDays(1), AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Copper fittings returned", new BigDecimal("2"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                false, "returned");
        proxy.exchanges.clear();

        List<PushOutcome> credited = provider.documents().pushCreditNotes(session, List.of(
                known(CreditNote.cancelling(full, "CN-1", DAY.plusDays(1), "job cancelled"), customer, invoices.get(0).remoteId()),
                known(refund, customer, invoices.get(1).remoteId())));

        assertThat(credited).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
            assertThat(outcome.note()).startsWith("applied");
        });
        assertThat(apiCalls()).as("create memos, apply memos").hasSize(2);
        assertThat(balance("FS-7001")).isEqualByComparingTo("0.00");
        assertThat(balance("FS-7002")).isEqualByComparingTo("214.50");
    }

    @Test
    void aMemoForAnInvoicePartlyPaidMeanwhileIsAppliedUpToItsBalanceAfterQuickBooksRefusesTheWholeCreditAndOneRead() {
        String customer = customerId("Northside Electrical");
        Invoice invoice = invoice("I-1", "FS-7101", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, customer))).get(0).remoteId();
        Payment payment = new Payment("P-1", "I-1", new BigDecimal("100.00"), DAY.plusDays(1), PaymentMethod.CASH, "ref-P-1", AUD, null);
        provider.documents().pushPayments(session, List.of(new PaymentPush(DocumentRef.payment(ACME, "P-1"), key("P-1"), payment, invoiceId,
                customer, "1250", false)));
        proxy.exchanges.clear();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(
                known(CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(2), "job cancelled"), customer, invoiceId))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).startsWith("applied 142.00");
        assertThat(apiCalls()).as("create the memo, its whole credit refused, the invoice read, what it owes applied").hasSize(4);
        assertThat(balance("FS-7101")).isEqualByComparingTo("0.00");
    }

    @Test
    void aMemoWhoseInvoiceCurrencyIsNotSaidStillReadsTheInvoiceFirst() {
        String customer = customerId("Northside Electrical");
        Invoice invoice = invoice("I-1", "FS-7201", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, customer))).get(0).remoteId();
        proxy.exchanges.clear();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(
                creditPush(CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), null), customer, invoiceId))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(apiCalls()).as("read invoices, create memos, apply memos").hasSize(3);
    }

    @Test
    void aTurnsNewMemosAndPaymentsAreCreatedInOneBatchCallAndTheMemosAppliedInTheNext() {
        String customer = customerId("Northside Electrical");
        Invoice cancelled = invoice("I-1", "FS-7301", ProductCategory.LABOUR);
        Invoice paid = invoice("I-2", "FS-7302", ProductCategory.LABOUR);
        List<PushOutcome> invoices = provider.documents().pushInvoices(session, List.of(invoicePush(cancelled, customer), invoicePush(paid, customer)));
        Payment payment = new Payment("P-1", "I-2", new BigDecimal("100.00"), DAY.plusDays(1), PaymentMethod.CASH, "ref-P-1", AUD, null);
        proxy.exchanges.clear();

        List<PushOutcome> outcomes = provider.documents().pushSettlements(session,
                List.of(known(CreditNote.cancelling(cancelled, "CN-1", DAY.plusDays(1), "job cancelled"), customer, invoices.get(0).remoteId())),
                List.of(new PaymentPush(DocumentRef.payment(ACME, "P-1"), key("P-1"), payment, invoices.get(1).remoteId(), customer, "1250", false)));

        assertThat(provider.descriptor().supports(ProviderCapability.SETTLEMENTS_IN_ONE_CALL)).isTrue();
        assertThat(outcomes).extracting(PushOutcome::document, PushOutcome::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, "CN-1"), OutcomeStatus.SYNCED),
                org.assertj.core.groups.Tuple.tuple(DocumentRef.payment(ACME, "P-1"), OutcomeStatus.SYNCED));
        assertThat(apiCalls()).as("memo and payment created in one batch, the memo applied in the next").hasSize(2);
        assertThat(apiCalls().get(0).requestBody()).contains("\"CreditMemo\"", "\"Payment\"");
        assertThat(balance("FS-7301")).isEqualByComparingTo("0.00");
        assertThat(balance("FS-7302")).isEqualByComparingTo("142.00");
    }

    /** A new credit note as the engine builds it: with its invoice's currency. */
    private CreditNotePush known(CreditNote note, String customer, String invoiceId) {
        return session.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, note.hostId()), key(note.hostId()), note, customer,
                invoiceId, AUD);
    }
}
