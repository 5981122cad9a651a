package io.fieldsync.accounting.api;

/** How a payment was collected; each method may be deposited into its own account. */
public enum PaymentMethod {
    /** Cash. */
    CASH,
    /** Credit or debit card. */
    CARD,
    /** Bank transfer. */
    BANK_TRANSFER,
    /** Cheque or check. */
    CHEQUE,
    /** Direct debit. */
    DIRECT_DEBIT,
    /** Any other method. */
    OTHER
}
