package io.fieldsync.accounting.admin;

import java.time.Instant;
import java.util.List;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.DocumentRow;
import io.fieldsync.accounting.api.admin.DocumentRows;

/**
 * One document as the API lists it: the fields of {@link DocumentStatus} (as rest10's list answered them, so clients
 * keep working) with the next attempt and whether it is backing off.
 */
record DocumentLine(DocumentRef document, int revision, SyncStatus status, String provider, String remoteId,
                    String remoteNumber, SyncError error, int attempts, Instant updatedAt, Instant syncedAt,
                    RemotePaymentState paymentState, Instant nextAttemptAt, boolean backingOff) {

    static DocumentLine of(DocumentRow row) {
        DocumentStatus status = row.status();
        return new DocumentLine(status.document(), status.revision(), status.status(), status.provider(), status.remoteId(),
                status.remoteNumber(), status.error(), status.attempts(), status.updatedAt(), status.syncedAt(),
                status.paymentState(), row.nextAttemptAt(), row.backingOff());
    }

    /** A page of lines, as {@code GET /companies/{company}/documents} answers. */
    record Page(List<DocumentLine> documents, long total) {

        static Page of(DocumentRows rows) {
            return new Page(rows.rows().stream().map(DocumentLine::of).toList(), rows.total());
        }
    }
}
