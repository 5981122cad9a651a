package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.bench.chaos.HostCall.CancelInvoice;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;
import io.fieldsync.accounting.bench.chaos.RemoteLedger.Allocation;
import io.fieldsync.accounting.demo.DemoRegion;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerCheckTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    private static final BigDecimal TOTAL = new BigDecimal("11.50");

    private final List<HostStep> steps = List.of(
            step(0, new LockInvoice(invoice("A", "Customer A"))),
            step(1, new LockInvoice(invoice("B", "Customer B"))),
            step(2, new CollectPayment(new Payment("PB", "B", new BigDecimal("5.00"), DAY.plusDays(7), PaymentMethod.CARD, "RCPT PB",
                    Currency.getInstance("NZD"), null))),
            step(3, new LockInvoice(invoice("C", "Customer C"))),
            step(4, new CancelInvoice(new CreditNote("CN-C", "C", "CN-N-C", DAY.plusDays(2), AmountType.TAX_EXCLUSIVE,
                    invoice("C", "Customer C").lines(), true, "cancelled"))),
            step(5, new LockInvoice(invoice("X", ""))));
    private final ExpectedLedger expected = ExpectedLedger.of(steps, DemoRegion.NEW_ZEALAND);

    private final List<RemoteLedger.Invoice> invoices = new ArrayList<>(List.of(
            remoteInvoice("A", "Customer A", "0", "0", true),
            remoteInvoice("B", "Customer B", "5.00", "0", true),
            remoteInvoice("C", "Customer C", "0", "11.50", true)));
    private final List<RemoteLedger.Payment> payments = new ArrayList<>(List.of(
            new RemoteLedger.Payment("p1", "N-B", new BigDecimal("5.00"), DAY.plusDays(7), "RCPT PB", null, true)));
    private final List<RemoteLedger.CreditNote> creditNotes = new ArrayList<>(List.of(
            new RemoteLedger.CreditNote("c1", "CN-N-C", "Customer C", TOTAL, null, List.of(new Allocation("N-C", TOTAL)), true)));
    private final Map<String, JournalView.Row> journal = new HashMap<>(Map.of(
            "INVOICE:A", synced(), "INVOICE:B", synced(), "INVOICE:C", synced(), "PAYMENT:PB", synced(), "CREDIT_NOTE:CN-C", synced(),
            "INVOICE:X", new JournalView.Row(SyncStatus.FAILED, 1, null, SyncError.of(ErrorCode.CUSTOMER_INVALID, "no name"), null)));
    private final Map<String, Integer> acknowledged = new HashMap<>(ProviderRunAcknowledged.all(steps));

    private Verdict check(ChaosProvider provider) {
        return LedgerCheck.check(provider, expected, new RemoteLedger(invoices, payments, creditNotes), new JournalView(journal),
                acknowledged);
    }

    @Test
    void aLedgerHoldingExactlyTheFinalRevisionsIsClean() {
        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.clean()).as(String.join("\n", verdict.discrepancies())).isTrue();
        assertThat(verdict.documents()).isEqualTo(6);
        assertThat(verdict.remote()).isEqualTo(5);
        assertThat(verdict.byKind().get(DocumentKind.INVOICE)).isEqualTo(new Verdict.KindCount(3, 3, 3, 0, 0, 0));
        assertThat(verdict.failedAsMeant()).isEqualTo(1);
    }

    @Test
    void aSecondPaymentWithTheSameReferenceIsOneDuplicateAndItsInvoicesPaidAmountIsNotCountedAgain() {
        payments.add(new RemoteLedger.Payment("p2", "N-B", new BigDecimal("5.00"), DAY.plusDays(7), "RCPT PB", null, true));
        invoices.set(1, remoteInvoice("B", "Customer B", "10.00", "0", true));

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.duplicates()).isEqualTo(1);
        assertThat(verdict.wrongAmounts()).isZero();
        assertThat(verdict.remote()).isEqualTo(6);
        assertThat(verdict.discrepancies()).singleElement().asString().startsWith("duplicate PAYMENT PB").contains("p1", "p2");
        assertThat(verdict.causes()).containsExactly(Map.entry("duplicate PAYMENT | journal SYNCED", 1));
    }

    @Test
    void aDocumentAbsentFromTheLedgerIsMissingAndTheJournalSaysWhy() {
        invoices.remove(0);
        journal.remove("INVOICE:A");

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.missing()).isEqualTo(1);
        assertThat(verdict.lostByJournal()).isEqualTo(1);
        assertThat(verdict.discrepancies()).singleElement().asString()
                .startsWith("missing   INVOICE A N-A").contains("no row, though the host had it acknowledged");
        assertThat(verdict.causes()).containsExactly(Map.entry("missing INVOICE | no journal row: lost after the host's acknowledgement", 1));
    }

    @Test
    void aDocumentTheHostNeverMadeIsMissingButIsNotTheJournalsLoss() {
        payments.clear();
        invoices.set(1, remoteInvoice("B", "Customer B", "0", "0", true));
        journal.remove("PAYMENT:PB");
        acknowledged.remove("PAYMENT:PB");

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.missing()).isEqualTo(1);
        assertThat(verdict.lostByJournal()).isZero();
        assertThat(verdict.discrepancies()).singleElement().asString().contains("the host never made it");
    }

    @Test
    void aPaymentOfAnotherAmountIsOneWrongAmountAndItsInvoiceIsNotCountedAgain() {
        payments.set(0, new RemoteLedger.Payment("p1", "N-B", new BigDecimal("4.00"), DAY.plusDays(7), "RCPT PB", null, true));
        invoices.set(1, remoteInvoice("B", "Customer B", "4.00", "0", true));

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.wrongAmounts()).isEqualTo(1);
        assertThat(verdict.discrepancies()).singleElement().asString().contains("amount 4.00, host 5.00");
    }

    @Test
    void anInvoiceWithTheWrongTotalOrAnUnallocatedCreditNoteIsWrong() {
        invoices.set(0, remoteInvoice("A", "Customer A", "0", "0", true, "9.20"));
        creditNotes.set(0, new RemoteLedger.CreditNote("c1", "CN-N-C", "Customer C", TOTAL, null, List.of(), true));
        invoices.set(2, remoteInvoice("C", "Customer C", "0", "0", true));

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.wrongAmounts()).isEqualTo(2);
        assertThat(verdict.discrepancies()).anyMatch(d -> d.contains("INVOICE A") && d.contains("total 9.20, host 11.50"))
                .anyMatch(d -> d.contains("CREDIT_NOTE CN-C") && d.contains("allocated to N-C 0, host 11.50"));
    }

    @Test
    void deletedOrVoidedRemoteDocumentsDoNotCountAsPresent() {
        invoices.set(0, remoteInvoice("A", "Customer A", "0", "0", false));

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.missing()).isEqualTo(1);
        assertThat(verdict.dead()).isEqualTo(1);
    }

    @Test
    void quickBooksPaymentsAndCreditMemosAreFoundByTheMarkerTheProviderWritesNotByNumberOrReference() {
        payments.set(0, new RemoteLedger.Payment("7", "N-B", new BigDecimal("5.00"), DAY.plusDays(7), null,
                "[fieldsync:PAYMENT:PB] reference RCPT PB", true));
        creditNotes.set(0, new RemoteLedger.CreditNote("9", "1005", "Customer C", TOTAL, "[fieldsync:CREDIT_NOTE:CN-C] cancelled",
                List.of(new Allocation("N-C", TOTAL)), true));

        assertThat(check(ChaosProvider.QUICKBOOKS).clean()).isTrue();
        assertThat(check(ChaosProvider.XERO).missing()).as("Xero looks at references and numbers").isEqualTo(2);
    }

    @Test
    void aDocumentMeantToFailThatReachesTheLedgerIsUnexpected() {
        invoices.add(new RemoteLedger.Invoice("x", "N-X", "", TOTAL, BigDecimal.ZERO, BigDecimal.ZERO, null, true));

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.unexpected()).isEqualTo(1);
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void aRemoteDocumentOfTheRunThatNoHostDocumentExplainsIsUnexpected() {
        payments.add(new RemoteLedger.Payment("p9", "N-A", new BigDecimal("3.00"), DAY, "RCPT PZ", null, true));

        Verdict verdict = check(ChaosProvider.XERO);

        assertThat(verdict.unexpected()).isEqualTo(1);
        assertThat(verdict.discrepancies()).singleElement().asString().startsWith("unexpected payment 3.00");
    }

    private static HostStep step(int index, HostCall call) {
        return new HostStep(index, 0, call, false);
    }

    private static Invoice invoice(String id, String customer) {
        return new Invoice(id, "N-" + id, new Customer("C-" + id, customer, null, null, null), DAY, DAY.plusDays(20),
                Currency.getInstance("NZD"), null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("work", BigDecimal.ONE, new BigDecimal("10.00"), "Labour", List.of("GST"))), null);
    }

    private static RemoteLedger.Invoice remoteInvoice(String id, String contact, String paid, String credited, boolean live) {
        return remoteInvoice(id, contact, paid, credited, live, TOTAL.toPlainString());
    }

    private static RemoteLedger.Invoice remoteInvoice(String id, String contact, String paid, String credited, boolean live, String total) {
        return new RemoteLedger.Invoice("r-" + id, "N-" + id, contact, new BigDecimal(total), new BigDecimal(paid),
                new BigDecimal(credited), null, live);
    }

    private static JournalView.Row synced() {
        return new JournalView.Row(SyncStatus.SYNCED, 1, "remote", null, null);
    }

    /** Every step acknowledged once. */
    private static final class ProviderRunAcknowledged {
        static Map<String, Integer> all(List<HostStep> steps) {
            Map<String, Integer> revisions = new HashMap<>();
            steps.forEach(step -> revisions.merge(JournalView.key(step.call().kind(), step.call().hostId()), 1, Integer::sum));
            return revisions;
        }
    }
}
