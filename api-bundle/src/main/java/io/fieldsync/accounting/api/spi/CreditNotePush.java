package io.fieldsync.accounting.api.spi;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;

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
 * @param invoiceCurrency the credited invoice's currency as the engine sent it, or null when not known: a provider
 *                        that needs it (Xero's credit note names its currency) then reads the invoice
 * @param invoiceSentAs how the credited invoice was sent (draft or approved) as far as the engine knows, or null:
 *                      a provider that treats a draft otherwise (Xero deletes a fully cancelled draft) reads the
 *                      invoice unless it was sent approved; the accounting system's own answer still decides
 * @since 2.1 for {@code invoiceCurrency} and {@code invoiceSentAs}
 */
public record CreditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId,
                             String remoteInvoiceId, boolean reconcileFirst, String remoteCreditNoteId, List<BookedLine> lines,
                             boolean keepHostNumber, Currency invoiceCurrency, InvoiceStatusOnPush invoiceSentAs) {

    /** A credit note whose invoice's currency and status the engine does not know: a provider that needs them reads them. */
    public CreditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId, String remoteInvoiceId,
                          boolean reconcileFirst, String remoteCreditNoteId, List<BookedLine> lines, boolean keepHostNumber) {
        this(document, key, creditNote, remoteCustomerId, remoteInvoiceId, reconcileFirst, remoteCreditNoteId, lines, keepHostNumber,
                null, null);
    }

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
