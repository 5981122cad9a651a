package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.MoneyRules;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.bench.chaos.HostCall.CancelInvoice;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;
import io.fieldsync.accounting.demo.DemoRegion;

/**
 * What the accounting system must hold once the host's day has drained: one remote document per host document, with
 * the values of its final revision. Built from the steps alone, so the orchestrator and the engine's process agree on
 * it without talking.
 */
final class ExpectedLedger {

    /**
     * DemoBook's first three customers are the sandboxes' seeded contacts: the engine links them by email or name, so
     * their invoices carry the accounting system's name for them (e.g. "Liam Gallagher" for the host's "Liam G.").
     */
    private static final Set<String> EXISTING_CONTACTS = Set.of("CUST-001", "CUST-002", "CUST-003");

    /**
     * An invoice as its final revision says, with what its payments and credit note must add up to.
     *
     * @param contactName the contact it must name, or null for a customer the accounting system already had
     */
    record ExpectedInvoice(String hostId, String number, String contactName, BigDecimal total, BigDecimal paid,
                           BigDecimal credited, boolean meantToFail, int revisions) {
    }

    /** A payment as its final revision says. */
    record ExpectedPayment(String hostId, String invoiceHostId, String invoiceNumber, BigDecimal amount, LocalDate date,
                           String reference, int revisions) {
    }

    /** A cancellation: a credit note for the whole invoice, allocated against it. */
    record ExpectedCreditNote(String hostId, String invoiceHostId, String invoiceNumber, String number, BigDecimal total,
                              int revisions) {
    }

    private final Map<String, ExpectedInvoice> invoices;
    private final Map<String, ExpectedPayment> payments;
    private final Map<String, ExpectedCreditNote> creditNotes;

    private ExpectedLedger(Map<String, ExpectedInvoice> invoices, Map<String, ExpectedPayment> payments,
                           Map<String, ExpectedCreditNote> creditNotes) {
        this.invoices = Collections.unmodifiableMap(invoices);
        this.payments = Collections.unmodifiableMap(payments);
        this.creditNotes = Collections.unmodifiableMap(creditNotes);
    }

    static ExpectedLedger of(List<HostStep> steps, DemoRegion region) {
        Map<String, Invoice> finalInvoices = new LinkedHashMap<>();
        Map<String, Payment> finalPayments = new LinkedHashMap<>();
        Map<String, CreditNote> finalCredits = new LinkedHashMap<>();
        Map<String, Integer> revisions = new HashMap<>();
        for (HostStep step : steps) {
            HostCall call = step.call();
            revisions.merge(key(call), 1, Integer::sum);
            if (call instanceof LockInvoice lock) {
                finalInvoices.put(lock.invoice().hostId(), lock.invoice());
            } else if (call instanceof CollectPayment collect) {
                finalPayments.put(collect.payment().hostId(), collect.payment());
            } else if (call instanceof CancelInvoice cancel) {
                finalCredits.put(cancel.creditNote().hostId(), cancel.creditNote());
            }
        }
        Map<String, BigDecimal> paid = new HashMap<>();
        finalPayments.values().forEach(p -> paid.merge(p.invoiceHostId(), p.amount(), BigDecimal::add));
        Map<String, String> cancelled = new HashMap<>();
        finalCredits.values().forEach(c -> cancelled.put(c.invoiceHostId(), c.hostId()));

        Map<String, ExpectedInvoice> invoices = new LinkedHashMap<>();
        for (Invoice invoice : finalInvoices.values()) {
            BigDecimal total = totalWithTax(invoice, region);
            String contact = EXISTING_CONTACTS.contains(invoice.customer().hostId()) ? null : invoice.customer().name();
            invoices.put(invoice.hostId(), new ExpectedInvoice(invoice.hostId(), invoice.number(), contact, total,
                    paid.getOrDefault(invoice.hostId(), BigDecimal.ZERO), cancelled.containsKey(invoice.hostId()) ? total : BigDecimal.ZERO,
                    invoice.customer().name().isEmpty(), revisions.get("INVOICE:" + invoice.hostId())));
        }
        Map<String, ExpectedPayment> payments = new LinkedHashMap<>();
        for (Payment payment : finalPayments.values()) {
            payments.put(payment.hostId(), new ExpectedPayment(payment.hostId(), payment.invoiceHostId(),
                    finalInvoices.get(payment.invoiceHostId()).number(), payment.amount(), payment.date(), payment.reference(),
                    revisions.get("PAYMENT:" + payment.hostId())));
        }
        Map<String, ExpectedCreditNote> credits = new LinkedHashMap<>();
        for (CreditNote credit : finalCredits.values()) {
            Invoice invoice = finalInvoices.get(credit.invoiceHostId());
            credits.put(credit.hostId(), new ExpectedCreditNote(credit.hostId(), credit.invoiceHostId(), invoice.number(),
                    credit.number(), totalWithTax(credit.lines(), region), revisions.get("CREDIT_NOTE:" + credit.hostId())));
        }
        return new ExpectedLedger(invoices, payments, credits);
    }

    /** What the customer owes: every line plus GST on it, rounded per line. */
    static BigDecimal totalWithTax(Invoice invoice, DemoRegion region) {
        return totalWithTax(invoice.lines(), region);
    }

    private static BigDecimal totalWithTax(List<InvoiceLine> lines, DemoRegion region) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (InvoiceLine line : lines) {
            BigDecimal amount = line.lineAmount();
            total = total.add(amount).add(MoneyRules.round(amount.multiply(region.gstPercent()).divide(BigDecimal.valueOf(100))));
        }
        return total;
    }

    private static String key(HostCall call) {
        return call.kind() + ":" + call.hostId();
    }

    Map<String, ExpectedInvoice> invoices() {
        return invoices;
    }

    Map<String, ExpectedPayment> payments() {
        return payments;
    }

    Map<String, ExpectedCreditNote> creditNotes() {
        return creditNotes;
    }

    /** Host documents of every kind. */
    int documents() {
        return invoices.size() + payments.size() + creditNotes.size();
    }

    /** The payments of one invoice. */
    List<ExpectedPayment> paymentsOf(String invoiceHostId) {
        List<ExpectedPayment> of = new ArrayList<>();
        payments.values().stream().filter(p -> p.invoiceHostId().equals(invoiceHostId)).forEach(of::add);
        return of;
    }
}
