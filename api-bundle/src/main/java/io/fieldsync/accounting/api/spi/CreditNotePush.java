package io.fieldsync.accounting.api.spi;

import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentRef;

/**
 * A credit note to create and allocate against its invoice, with everything its payload is built from.
 *
 * @param document the credit note's journal reference
 * @param key the idempotency key
 * @param creditNote the credit note
 * @param remoteCustomerId the remote contact of the credited invoice
 * @param remoteInvoiceId the remote invoice it credits
 * @param reconcileFirst true when an earlier attempt may have reached the accounting system (its outcome is unknown,
 *                       or the engine stopped while sending): look it up before writing anything
 * @param remoteCreditNoteId the remote credit note an earlier revision became, or null: the credit note was changed
 *                           after it synced, and that remote one must be changed (or replaced), never joined by a
 *                           second one
 * @param lines the credit note's lines with what each books to, in the credit note's order
 * @param keepHostNumber send the host's number (true), or let the accounting system number it where it can
 */
public record CreditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId,
                             String remoteInvoiceId, boolean reconcileFirst, String remoteCreditNoteId, List<BookedLine> lines,
                             boolean keepHostNumber) {

    /** Validates the parts. */
    public CreditNotePush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(creditNote, "credit note");
        Objects.requireNonNull(remoteCustomerId, "remote customer id");
        Objects.requireNonNull(remoteInvoiceId, "remote invoice id");
        lines = BookedLine.matching(lines, creditNote.lines());
    }
}
