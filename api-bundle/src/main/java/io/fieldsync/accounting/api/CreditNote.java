package io.fieldsync.accounting.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A credit against an invoice: the full cancellation of it, or a partial credit (a refund or
 * return of some lines). It is allocated against the invoice it credits.
 *
 * @param hostId the host's id for this credit
 * @param invoiceHostId the host id of the invoice being credited
 * @param number the credit note number, or null to let the accounting system number it
 * @param date the credit date
 * @param amountType whether unit prices include tax
 * @param lines the credited lines; for a full cancellation, the invoice's lines
 * @param fullCancellation true when the whole invoice is cancelled (a draft invoice may then be voided instead)
 * @param reason why the credit was issued, or null
 */
public record CreditNote(String hostId, String invoiceHostId, String number, LocalDate date, AmountType amountType,
                         List<InvoiceLine> lines, boolean fullCancellation, String reason) {

    /** Validates the structure. */
    public CreditNote {
        HostIds.require(hostId, "credit note host id");
        HostIds.require(invoiceHostId, "credited invoice host id");
        number = HostIds.optional(number);
        Objects.requireNonNull(date, "credit date");
        Objects.requireNonNull(amountType, "amount type");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("credit note " + hostId + " has no lines");
        }
        reason = HostIds.optional(reason);
    }

    /** The credit note that cancels the whole of {@code invoice}. */
    public static CreditNote cancelling(Invoice invoice, String hostId, LocalDate date, String reason) {
        return new CreditNote(hostId, invoice.hostId(), null, date, invoice.amountType(), invoice.lines(), true, reason);
    }
}
