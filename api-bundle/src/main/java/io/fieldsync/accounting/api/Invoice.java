package io.fieldsync.accounting.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An invoice the host has locked. Calling {@link AccountingSync#invoiceLocked} again with the same
 * host id and different content is an update of a document already sent: it is pushed as an
 * update of the same remote invoice, never as a second one.
 *
 * @param hostId the host's invoice id, stable for the life of the invoice
 * @param number the invoice number printed for the customer (kept in the accounting system unless configured otherwise)
 * @param customer the customer billed
 * @param issueDate the invoice date
 * @param dueDate the due date, not before the issue date
 * @param currency the invoice currency
 * @param exchangeRate home-currency units per one unit of {@code currency} when the host knows it, else null
 *                     (the accounting system then uses its own daily rate)
 * @param amountType whether unit prices include tax
 * @param lines at least one line
 * @param reference free text shown as the invoice reference (e.g. the job number), or null
 */
public record Invoice(String hostId, String number, Customer customer, LocalDate issueDate, LocalDate dueDate,
                      Currency currency, BigDecimal exchangeRate, AmountType amountType, List<InvoiceLine> lines,
                      String reference) {

    /** Validates the structure; business checks (mappings, customer data) happen per document later. */
    public Invoice {
        HostIds.require(hostId, "invoice host id");
        number = HostIds.optional(number);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(issueDate, "issue date");
        Objects.requireNonNull(dueDate, "due date");
        if (dueDate.isBefore(issueDate)) {
            throw new IllegalArgumentException("due date " + dueDate + " is before issue date " + issueDate);
        }
        Objects.requireNonNull(currency, "currency");
        if (exchangeRate != null) {
            exchangeRate = MoneyRules.exchangeRate(exchangeRate, "exchange rate");
        }
        Objects.requireNonNull(amountType, "amount type");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("invoice " + hostId + " has no lines");
        }
        reference = HostIds.optional(reference);
    }

    /** Sum of the line amounts (before tax for tax-exclusive invoices). */
    public BigDecimal linesTotal() {
        return lines.stream().map(InvoiceLine::lineAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
