package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentRef;

/**
 * A credit note to create and allocate against its invoice.
 *
 * @param document the credit note's journal reference
 * @param key the idempotency key
 * @param creditNote the credit note
 * @param remoteCustomerId the remote contact of the credited invoice
 * @param remoteInvoiceId the remote invoice it credits
 * @param reconcileFirst true when an earlier attempt's outcome is unknown: look it up before creating
 */
public record CreditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId,
                             String remoteInvoiceId, boolean reconcileFirst) {

    /** Validates the parts. */
    public CreditNotePush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(creditNote, "credit note");
        Objects.requireNonNull(remoteCustomerId, "remote customer id");
        Objects.requireNonNull(remoteInvoiceId, "remote invoice id");
    }
}
