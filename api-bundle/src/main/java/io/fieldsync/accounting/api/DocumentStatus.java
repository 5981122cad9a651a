package io.fieldsync.accounting.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the host and the admin may know about one document.
 *
 * @param document which document
 * @param revision the latest accepted revision
 * @param status where it stands
 * @param provider the provider it was (or is being) sent to, or null before the first attempt
 * @param remoteId the accounting system's id once synced, else null
 * @param remoteNumber the number the accounting system shows (invoice or credit note number), or null
 * @param error why it failed or waits, in the admin's words, or null
 * @param attempts how many times it was sent
 * @param updatedAt when the status last changed
 * @param syncedAt when it was last synced, or null
 * @param paymentState for invoices, the payment state last reported by the accounting system, or null
 */
public record DocumentStatus(DocumentRef document, int revision, SyncStatus status, String provider, String remoteId,
                             String remoteNumber, SyncError error, int attempts, Instant updatedAt, Instant syncedAt,
                             RemotePaymentState paymentState) {

    /** Validates the mandatory parts. */
    public DocumentStatus {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updated at");
    }

    /** The error, if any. */
    public Optional<SyncError> failure() {
        return Optional.ofNullable(error);
    }
}
