package io.fieldsync.accounting.sandbox.xero.ledger;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Status of an invoice or credit note. PAID is set by the service when nothing is due; clients cannot set it.
 * Transitions follow the Xero docs (reference/api-facts.md §3.1): DRAFT and SUBMITTED may be approved or deleted,
 * AUTHORISED may only be voided (and only without payments or allocations), PAID, VOIDED and DELETED are final.
 */
public enum DocumentStatus {
    DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED;

    private static final Set<DocumentStatus> CREATABLE = EnumSet.of(DRAFT, SUBMITTED, AUTHORISED);

    public static Optional<DocumentStatus> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean creatable() {
        return CREATABLE.contains(this);
    }

    /** Whether a client may move a document from this status to {@code next} (ignoring payments). */
    public boolean mayBecome(DocumentStatus next) {
        if (next == this) {
            return this != PAID && this != VOIDED && this != DELETED;
        }
        return switch (this) {
            case DRAFT, SUBMITTED -> next == DRAFT || next == SUBMITTED || next == AUTHORISED || next == DELETED;
            case AUTHORISED -> next == VOIDED;
            case PAID, VOIDED, DELETED -> false;
        };
    }

    /** Whether the document's content (lines, contact, dates) may still change. */
    public boolean editable() {
        return this == DRAFT || this == SUBMITTED || this == AUTHORISED;
    }
}
