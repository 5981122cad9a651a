package io.fieldsync.accounting.api.spi;

import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.InvoiceLine;

/**
 * One line of an invoice or credit note with what it books to in the accounting system, resolved by the engine from
 * the company's mappings and checked against the accounting system's reference data before anything is sent. The
 * values are the remote system's own keys, as the admin mapped them: an account's code (or id where it has no code),
 * a tax rate's code (Xero {@code TaxType}, QuickBooks TaxCode id), an item's code or id.
 *
 * @param line the host's line
 * @param revenueAccount the revenue account of the line's category (its own mapping, else the default sales account)
 * @param taxRates the remote tax rate of each of the line's host tax rates, in the same order; empty for an untaxed
 *                 line (the provider chooses the accounting system's word for "no tax")
 * @param item the remote item mapped to the line's category, or null when none is (QuickBooks then books through an
 *             item of its own for the category and account)
 * @since 2.0
 */
public record BookedLine(InvoiceLine line, String revenueAccount, List<String> taxRates, String item) {

    /** Validates the parts: one remote tax rate per host tax rate. */
    public BookedLine {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(revenueAccount, "revenue account");
        taxRates = List.copyOf(taxRates);
        if (taxRates.size() != line.taxRateIds().size()) {
            throw new IllegalArgumentException("one remote tax rate per host tax rate: " + line.taxRateIds() + " → " + taxRates);
        }
    }

    /** The lines' host lines, in order. */
    public static List<InvoiceLine> hostLines(List<BookedLine> lines) {
        return lines.stream().map(BookedLine::line).toList();
    }

    /** Checks that {@code lines} are exactly the document's lines, in order. */
    static List<BookedLine> matching(List<BookedLine> lines, List<InvoiceLine> documentLines) {
        List<BookedLine> copy = List.copyOf(lines);
        if (!hostLines(copy).equals(documentLines)) {
            throw new IllegalArgumentException("the booked lines must be the document's lines, in order");
        }
        return copy;
    }
}
