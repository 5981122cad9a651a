package io.fieldsync.accounting.quickbooks;

import io.fieldsync.accounting.api.SyncError;

/** One document cannot be sent (a mapping, a limit of QBO's): caught per document and turned into its FAILED outcome. */
final class DocumentRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient SyncError error;

    DocumentRefused(SyncError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    SyncError error() {
        return error;
    }
}
