package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A credit note (ACCRECCREDIT for customers). {@code RemainingCredit = Total − allocated}; fully allocated credit
 * notes become PAID. Mutated only under the organisation's lock.
 */
public final class CreditNote {

    private final UUID id;
    private final String type;
    private String number;
    private String reference;
    private Contact contact;
    private LocalDate date;
    private DocumentStatus status;
    private LineAmountType lineAmountType;
    private List<LineItem> lines = List.of();
    private Totals totals = Totals.NONE;
    private String currencyCode;
    private BigDecimal allocated = Money.ZERO;
    private LocalDate fullyPaidOn;
    private final List<Allocation> allocations = new ArrayList<>();
    private Instant updated;

    public CreditNote(UUID id, String type, Instant created) {
        this.id = id;
        this.type = type;
        this.updated = created;
    }

    public UUID id() { return id; }
    public String type() { return type; }
    public String number() { return number; }
    public String reference() { return reference; }
    public Contact contact() { return contact; }
    public LocalDate date() { return date; }
    public DocumentStatus status() { return status; }
    public LineAmountType lineAmountType() { return lineAmountType; }
    public List<LineItem> lines() { return lines; }
    public Totals totals() { return totals; }
    public String currencyCode() { return currencyCode; }
    public LocalDate fullyPaidOn() { return fullyPaidOn; }
    public Instant updated() { return updated; }

    public List<Allocation> allocations() {
        return List.copyOf(allocations);
    }

    public BigDecimal remainingCredit() {
        if (status == DocumentStatus.VOIDED || status == DocumentStatus.DELETED) {
            return Money.ZERO;
        }
        return totals.total().subtract(allocated);
    }

    public CreditNote number(String v) { number = v; return this; }
    public CreditNote reference(String v) { reference = v; return this; }
    public CreditNote contact(Contact v) { contact = v; return this; }
    public CreditNote date(LocalDate v) { date = v; return this; }
    public CreditNote status(DocumentStatus v) { status = v; return this; }
    public CreditNote currencyCode(String v) { currencyCode = v; return this; }

    public CreditNote lines(LineAmountType type, List<LineItem> newLines) {
        lineAmountType = type;
        lines = List.copyOf(newLines);
        totals = TaxCalculator.totals(lines, type);
        return this;
    }

    public CreditNote touch(Instant now) {
        updated = now;
        return this;
    }

    public void addAllocation(Allocation allocation, Instant now) {
        allocations.add(allocation);
        allocated = allocated.add(allocation.amount());
        if (remainingCredit().signum() == 0 && status == DocumentStatus.AUTHORISED) {
            status = DocumentStatus.PAID;
            fullyPaidOn = allocation.date();
        }
        updated = now;
    }
}
