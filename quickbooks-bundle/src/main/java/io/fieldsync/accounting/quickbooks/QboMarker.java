package io.fieldsync.accounting.quickbooks;

import io.fieldsync.accounting.api.DocumentRef;

/**
 * The mark a document carries in its {@code PrivateNote} (not printed for the customer): the host's document id.
 * Without host numbers QBO numbers invoices itself, and payments have no number at all, so after a lost answer
 * this mark is how the same document is recognised among the customer's transactions of that date.
 */
final class QboMarker {

    private QboMarker() {
    }

    /**
     * {@code [fieldsync:INVOICE:I-1]}. A {@code ]} or {@code \} in the host id is escaped with {@code \}, so the mark
     * ends at its first unescaped {@code ]}: the mark of {@code A} is never found inside the mark of {@code A]x}.
     */
    static String of(DocumentRef document) {
        return "[fieldsync:" + document.kind() + ":" + document.hostId().replace("\\", "\\\\").replace("]", "\\]") + "]";
    }

    /** The private note: the mark, then an optional remark (a reason, a long reference). */
    static String note(DocumentRef document, String remark) {
        String note = of(document) + (remark == null || remark.isBlank() ? "" : " " + remark.strip());
        // PrivateNote holds up to 4,000 characters (Intuit API reference)
        return note.length() > 4000 ? note.substring(0, 4000) : note;
    }

    /** Whether {@code privateNote} carries the mark of {@code document}. */
    static boolean marks(String privateNote, DocumentRef document) {
        return privateNote != null && privateNote.contains(of(document));
    }
}
