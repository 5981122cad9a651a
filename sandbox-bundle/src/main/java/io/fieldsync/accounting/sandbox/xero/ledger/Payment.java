package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A payment received against an invoice into a bank (or payment-enabled) account. */
public final class Payment {

    private final UUID id;
    private final Invoice invoice;
    private final Account account;
    private final LocalDate date;
    private final BigDecimal amount;
    private final String reference;
    private final boolean reconciled;
    private String status = "AUTHORISED";
    private Instant updated;

    public Payment(UUID id, Invoice invoice, Account account, LocalDate date, BigDecimal amount, String reference,
                   boolean reconciled, Instant created) {
        this.id = id;
        this.invoice = invoice;
        this.account = account;
        this.date = date;
        this.amount = amount;
        this.reference = reference;
        this.reconciled = reconciled;
        this.updated = created;
    }

    public UUID id() { return id; }
    public Invoice invoice() { return invoice; }
    public Account account() { return account; }
    public LocalDate date() { return date; }
    public BigDecimal amount() { return amount; }
    public String reference() { return reference; }
    public boolean reconciled() { return reconciled; }
    public String status() { return status; }
    public Instant updated() { return updated; }

    public boolean deleted() {
        return "DELETED".equals(status);
    }

    public String paymentType() {
        return "ACCPAY".equals(invoice.type()) ? "ACCPAYPAYMENT" : "ACCRECPAYMENT";
    }

    /** Deleting a payment puts its amount back on the invoice. */
    public void delete(Instant now) {
        if (!deleted()) {
            status = "DELETED";
            updated = now;
            invoice.removePayment(this, now);
        }
    }
}
