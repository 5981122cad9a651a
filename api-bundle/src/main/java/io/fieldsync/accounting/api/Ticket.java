package io.fieldsync.accounting.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The receipt for a document handed to {@link AccountingSync}: it is stored durably and will be
 * dealt with; its later status is asked for with {@link AccountingSync#status(DocumentRef)}.
 *
 * @param document the document
 * @param revision 1 for the first version of a document, incremented by each changed re-submission
 * @param status the status right after acceptance
 * @param acceptedAt when it was stored
 */
public record Ticket(DocumentRef document, int revision, SyncStatus status, Instant acceptedAt) {

    /** Validates the parts. */
    public Ticket {
        Objects.requireNonNull(document, "document");
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1: " + revision);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acceptedAt, "accepted at");
    }
}
