package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;

/**
 * An invoice to create, or to update when it was synced before.
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
 */
public record InvoicePush(DocumentRef document, IdempotencyKey key, Invoice invoice, String remoteCustomerId,
                          String remoteInvoiceId, boolean reconcileFirst) {

    /** Validates the parts. */
    public InvoicePush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(remoteCustomerId, "remote customer id");
    }
}
