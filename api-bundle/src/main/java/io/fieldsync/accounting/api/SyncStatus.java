package io.fieldsync.accounting.api;

/** Where a document stands, as the host and the admin see it. */
public enum SyncStatus {
    /** Registered as historical (it existed before the connection); sent only on request. */
    NOT_ATTEMPTED,
    /** Accepted and queued; it will be sent as soon as the active provider and the rate limits allow. */
    PENDING,
    /**
     * Being sent right now: the attempt was recorded before the call went out. Should the engine stop before the
     * answer is recorded, the document is checked in the accounting system before anything is sent again.
     */
    SENDING,
    /**
     * Sent, but whether the accounting system applied it is not known (a timeout after sending). It is
     * reconciled by reading the remote side before anything is sent again, never by a blind resend.
     */
    OUTCOME_UNKNOWN,
    /** In the accounting system; the remote id is known. */
    SYNCED,
    /** Refused for a reason someone must fix; the error says what and where. Retry after fixing. */
    FAILED,
    /** Waiting because the company has no working connection; nothing is dropped, it goes out after reconnecting. */
    DISCONNECTED,
    /** The active provider declared it cannot do this (see {@code ProviderCapability}); shown rather than silently skipped. */
    UNSUPPORTED;

    /** True for statuses that wait for the engine rather than for a person. */
    public boolean isQueued() {
        return this == PENDING || this == SENDING || this == OUTCOME_UNKNOWN || this == DISCONNECTED;
    }
}
