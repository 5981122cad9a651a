package io.fieldsync.accounting.quickbooks;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * One document cannot be sent yet because something it names is in an unknown state: an item whose creation was
 * sent, whose answer was lost, and which a lookup by name did not find. Caught per document and turned into an
 * UNKNOWN outcome, never FAILED: the document was not sent, and the next attempt looks the item up (or creates it)
 * before sending it, so the admin has nothing to do.
 */
final class DocumentWaits extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String prerequisite;

    /**
     * @param prerequisite what the document waits for, e.g. "the QuickBooks item for category Labour"
     * @param why what was lost, for the detail
     */
    DocumentWaits(String prerequisite, String why) {
        super(why, null, false, false);
        this.prerequisite = prerequisite;
    }

    PushOutcome outcome(DocumentRef document) {
        return new PushOutcome(document, OutcomeStatus.UNKNOWN, null, null, new SyncError(ErrorCode.PROVIDER_UNAVAILABLE, "Not sent yet: "
                + prerequisite + " was being created and QuickBooks' answer was lost; it is looked up, and the document sent, with the "
                + "next attempt.", getMessage()), null);
    }
}
