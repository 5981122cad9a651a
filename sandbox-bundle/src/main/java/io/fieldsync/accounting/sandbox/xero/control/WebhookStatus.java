package io.fieldsync.accounting.sandbox.xero.control;

/** The app's webhook subscription, as Xero's developer portal shows it. Events flow only when {@link #OK}. */
public enum WebhookStatus {
    /** No receiver URL. */
    NOT_CONFIGURED,
    /** A receiver is configured; the intent-to-receive check has not passed yet. */
    PENDING_VALIDATION,
    /** The receiver passed the intent-to-receive check; every change is delivered. */
    OK,
    /** The last intent-to-receive check failed (wrong answers, or the receiver was unreachable). */
    FAILED_VALIDATION
}
