package io.fieldsync.accounting.api.spi;

import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;

/**
 * An invoice to create, or to update when it was synced before, with everything its payload is built from.
 *
 * @param document the invoice's journal reference
 * @param key the idempotency key of this revision
 * @param invoice the invoice
 * @param remoteCustomerId the linked remote contact
 * @param remoteInvoiceId the remote invoice to update, or null to create
 * @param reconcileFirst true when an earlier attempt may have reached the accounting system (its outcome is
 *                       unknown, or the engine stopped while sending): look the invoice up (by number, or by the
 *                       mark or content the provider recognises it by) before creating, so that it is never created
 *                       twice
 * @param lines the invoice's lines with what each books to, in the invoice's order
 * @param status draft or approved, as the company's settings say
 * @param keepHostNumber send the host's number (true), or let the accounting system number the invoice
 */
public record InvoicePush(DocumentRef document, IdempotencyKey key, Invoice invoice, String remoteCustomerId,
                          String remoteInvoiceId, boolean reconcileFirst, List<BookedLine> lines, InvoiceStatusOnPush status,
                          boolean keepHostNumber) {

    /** Validates the parts. */
    public InvoicePush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(remoteCustomerId, "remote customer id");
        lines = BookedLine.matching(lines, invoice.lines());
        Objects.requireNonNull(status, "status");
    }

    /** The same push for another remote invoice (found in the accounting system) and doubt. */
    public InvoicePush toUpdate(String remoteInvoice, boolean inDoubt) {
        return new InvoicePush(document, key, invoice, remoteCustomerId, remoteInvoice, inDoubt, lines, status, keepHostNumber);
    }
}
