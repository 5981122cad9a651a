package io.fieldsync.accounting.api.spi;

/** What happened to one document of a batch. Modelled on settled payment-plugin practice: "unknown" is not "failed". */
public enum OutcomeStatus {
    /** Created or updated; the remote id is known. */
    SYNCED,
    /**
     * Nothing was sent because the accounting system already holds it (the same invoice found by
     * number, an invoice already paid); the remote id is known and the outcome's note says why.
     */
    ALREADY_PRESENT,
    /** Refused; the error says why. */
    FAILED,
    /** Sent, but whether it was applied is not known (timeout, dropped connection). Reconcile before resending. */
    UNKNOWN,
    /** This provider cannot do it. */
    UNSUPPORTED
}
