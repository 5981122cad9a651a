package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A sales invoice (ACCREC) or bill (ACCPAY) with its running balance. {@code AmountDue = Total − AmountPaid −
 * AmountCredited}; when it reaches zero the service sets PAID and FullyPaidOnDate (the date of the payment or
 * allocation that settled it). Xero has no "partially paid" status: a part-paid invoice stays AUTHORISED.
 * Mutated only under the organisation's lock.
 */
public final class Invoice {

    private final UUID id;
    private final String type;
    private final String createdByApp;
    private String number;
    private String reference;
    private Contact contact;
    private LocalDate date;
    private LocalDate dueDate;
    private DocumentStatus status;
    private LineAmountType lineAmountType;
    private List<LineItem> lines = List.of();
    private Totals totals = Totals.NONE;
    private String currencyCode;
    private String url;
    private BigDecimal amountPaid = Money.ZERO;
    private BigDecimal amountCredited = Money.ZERO;
    private LocalDate fullyPaidOn;
    private final List<Payment> payments = new ArrayList<>();
    private final List<Allocation> allocations = new ArrayList<>();
    private Instant updated;

    public Invoice(UUID id, String type, String createdByApp, Instant created) {
        this.id = id;
        this.type = type;
        this.createdByApp = createdByApp;
        this.updated = created;
    }

    public UUID id() { return id; }
    public String type() { return type; }
    public String createdByApp() { return createdByApp; }
    public String number() { return number; }
    public String reference() { return reference; }
    public Contact contact() { return contact; }
    public LocalDate date() { return date; }
    public LocalDate dueDate() { return dueDate; }
    public DocumentStatus status() { return status; }
    public LineAmountType lineAmountType() { return lineAmountType; }
    public List<LineItem> lines() { return lines; }
    public Totals totals() { return totals; }
    public String currencyCode() { return currencyCode; }
    public String url() { return url; }
    public BigDecimal amountPaid() { return amountPaid; }
    public BigDecimal amountCredited() { return amountCredited; }
    public LocalDate fullyPaidOn() { return fullyPaidOn; }
    public Instant updated() { return updated; }

    public List<Payment> payments() {
        return payments.stream().filter(p -> !p.deleted()).toList();
    }

    public List<Allocation> allocations() {
        return List.copyOf(allocations);
    }

    public BigDecimal amountDue() {
        if (status == DocumentStatus.VOIDED || status == DocumentStatus.DELETED) {
            return Money.ZERO;
        }
        return totals.total().subtract(amountPaid).subtract(amountCredited);
    }

    public boolean hasPaymentsOrCredits() {
        return amountPaid.signum() != 0 || amountCredited.signum() != 0;
    }

    // --- content, set by the invoice writer after validation ---

    public Invoice number(String v) { number = v; return this; }
    public Invoice reference(String v) { reference = v; return this; }
    public Invoice contact(Contact v) { contact = v; return this; }
    public Invoice date(LocalDate v) { date = v; return this; }
    public Invoice dueDate(LocalDate v) { dueDate = v; return this; }
    public Invoice status(DocumentStatus v) { status = v; return this; }
    public Invoice currencyCode(String v) { currencyCode = v; return this; }
    public Invoice url(String v) { url = v; return this; }

    public Invoice lines(LineAmountType type, List<LineItem> newLines) {
        lineAmountType = type;
        lines = List.copyOf(newLines);
        totals = TaxCalculator.totals(lines, type);
        return this;
    }

    public Invoice touch(Instant now) {
        updated = now;
        return this;
    }

    // --- money movements ---

    public void addPayment(Payment payment, Instant now) {
        payments.add(payment);
        amountPaid = amountPaid.add(payment.amount());
        settleIfNothingDue(payment.date(), now);
    }

    void removePayment(Payment payment, Instant now) {
        amountPaid = amountPaid.subtract(payment.amount());
        reopenIfSomethingDue(now);
    }

    public void addAllocation(Allocation allocation, Instant now) {
        allocations.add(allocation);
        amountCredited = amountCredited.add(allocation.amount());
        settleIfNothingDue(allocation.date(), now);
    }

    private void settleIfNothingDue(LocalDate on, Instant now) {
        if (amountDue().signum() == 0 && status == DocumentStatus.AUTHORISED) {
            status = DocumentStatus.PAID;
            fullyPaidOn = on;
        }
        updated = now;
    }

    private void reopenIfSomethingDue(Instant now) {
        if (status == DocumentStatus.PAID && amountDue().signum() > 0) {
            status = DocumentStatus.AUTHORISED;
            fullyPaidOn = null;
        }
        updated = now;
    }
}
