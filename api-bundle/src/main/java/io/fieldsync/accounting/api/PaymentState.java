package io.fieldsync.accounting.api;

/** An invoice's payment state as the accounting system reports it. */
public enum PaymentState {
    /** Nothing paid yet. */
    UNPAID,
    /** Some, not all, paid. */
    PARTIALLY_PAID,
    /** Nothing left to pay. */
    PAID,
    /** Voided or deleted in the accounting system. */
    VOIDED
}
