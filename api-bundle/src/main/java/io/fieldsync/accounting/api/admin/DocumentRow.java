package io.fieldsync.accounting.api.admin;

import java.time.Instant;
import java.util.Objects;

import io.fieldsync.accounting.api.DocumentStatus;

/**
 * One document in the admin's list: its status (with the attempts made) and when it is tried next.
 *
 * @param status where the document stands, with {@link DocumentStatus#attempts()}
 * @param nextAttemptAt while it is queued (pending, outcome unknown, disconnected), not before when it is sent next;
 *                      null otherwise
 * @param backingOff true when it is queued but waits for its back-off, i.e. {@code nextAttemptAt} is still ahead:
 *                   what {@link AccountingDocuments#sendNow} cuts short
 * @since 1.2
 */
public record DocumentRow(DocumentStatus status, Instant nextAttemptAt, boolean backingOff) {

    /** Validates the status. */
    public DocumentRow {
        Objects.requireNonNull(status, "status");
        if (backingOff && nextAttemptAt == null) {
            throw new IllegalArgumentException("a document backing off has a next attempt");
        }
    }
}
