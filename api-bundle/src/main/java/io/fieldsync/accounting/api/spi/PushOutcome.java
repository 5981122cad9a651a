package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/**
 * The outcome of one document in a batch push.
 *
 * @param document which document
 * @param status what happened
 * @param remoteId the remote id, for SYNCED and ALREADY_PRESENT
 * @param remoteNumber the number the accounting system shows, or null
 * @param error why, for FAILED, UNKNOWN and UNSUPPORTED
 * @param note a remark for the document's history (e.g. "invoice already paid in Xero; payment not sent"), or null
 */
public record PushOutcome(DocumentRef document, OutcomeStatus status, String remoteId, String remoteNumber,
                          SyncError error, String note) {

    /** Checks that each status carries what it needs. */
    public PushOutcome {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(status, "status");
        switch (status) {
            case SYNCED, ALREADY_PRESENT -> Objects.requireNonNull(remoteId, "remote id of a synced document");
            case FAILED, UNKNOWN, UNSUPPORTED -> Objects.requireNonNull(error, "error of an unsuccessful document");
        }
    }

    /** Created or updated as {@code remoteId}. */
    public static PushOutcome synced(DocumentRef document, String remoteId, String remoteNumber) {
        return new PushOutcome(document, OutcomeStatus.SYNCED, remoteId, remoteNumber, null, null);
    }

    /** Already there as {@code remoteId}; nothing sent, for the reason in {@code note}. */
    public static PushOutcome alreadyPresent(DocumentRef document, String remoteId, String remoteNumber, String note) {
        return new PushOutcome(document, OutcomeStatus.ALREADY_PRESENT, remoteId, remoteNumber, null, note);
    }

    /** Refused with {@code error}. */
    public static PushOutcome failed(DocumentRef document, SyncError error) {
        return new PushOutcome(document, OutcomeStatus.FAILED, null, null, error, null);
    }

    /** Outcome not known, for the reason given. */
    public static PushOutcome unknown(DocumentRef document, String why) {
        return new PushOutcome(document, OutcomeStatus.UNKNOWN, null, null,
                new SyncError(ErrorCode.PROVIDER_UNAVAILABLE, "Sent, but the accounting system's answer was lost; it is checked before anything is sent again.", why), null);
    }

    /** The same outcome with a remark for the document's history. */
    public PushOutcome withNote(String remark) {
        return new PushOutcome(document, status, remoteId, remoteNumber, error, remark);
    }

    /** Not possible with this provider. */
    public static PushOutcome unsupported(DocumentRef document, String what) {
        return new PushOutcome(document, OutcomeStatus.UNSUPPORTED, null, null, SyncError.of(ErrorCode.UNSUPPORTED, what), null);
    }
}
