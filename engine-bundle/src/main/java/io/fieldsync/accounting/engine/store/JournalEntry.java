package io.fieldsync.accounting.engine.store;

import java.time.Instant;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * One row of the journal: a host document, its latest snapshot, and where it stands.
 *
 * @param id the row id, which idempotency keys are derived from
 * @param document the host's reference
 * @param revision the latest accepted revision
 * @param snapshot the document as JSON
 * @param snapshotHash SHA-256 of the snapshot, to tell a changed re-submission from a repeat
 * @param dependsOn the host id of the invoice a credit note or payment belongs to, else null
 * @param status where it stands
 * @param provider the provider it is bound to (set at the first attempt), or null
 * @param remoteId the remote id once known
 * @param remoteNumber the remote number once known
 * @param syncedRevision the revision last synced, or null
 * @param error the current error or reason for waiting, or null
 * @param note a remark from the last outcome, or null
 * @param attempts how many times it was sent
 * @param nextAttemptAt not before this instant
 * @param updatedAt when the row last changed
 * @param syncedAt when it last synced
 * @param paymentState the remote payment state last reported, or null
 * @param inDoubt true when an attempt may have reached the accounting system without its answer being recorded:
 *                the next attempt looks there first
 * @param attemptKey the idempotency key of the last attempt, or null
 * @param keyEpoch how many times an admin asked for the document to be sent again: part of its keys
 */
public record JournalEntry(long id, DocumentRef document, int revision, String snapshot, String snapshotHash,
                           String dependsOn, SyncStatus status, String provider, String remoteId, String remoteNumber,
                           Integer syncedRevision, SyncError error, String note, int attempts, Instant nextAttemptAt,
                           Instant updatedAt, Instant syncedAt, RemotePaymentState paymentState, boolean inDoubt,
                           String attemptKey, int keyEpoch) {

    /** What the host and admin see of it. */
    public DocumentStatus toStatus() {
        return new DocumentStatus(document, revision, status, provider, remoteId, remoteNumber, error, attempts,
                updatedAt, syncedAt, paymentState);
    }

    /** True when an earlier revision reached the accounting system, so this one is an update. */
    public boolean wasSyncedBefore() {
        return remoteId != null && syncedRevision != null;
    }
}
