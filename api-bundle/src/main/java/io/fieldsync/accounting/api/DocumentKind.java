package io.fieldsync.accounting.api;

/** The kinds of document that travel to the accounting system. */
public enum DocumentKind {
    /** A customer (contact), pushed ahead of the first invoice that needs it. */
    CUSTOMER,
    /** An invoice. */
    INVOICE,
    /** A credit note for a cancelled or partly refunded invoice. */
    CREDIT_NOTE,
    /** A payment applied to an invoice. */
    PAYMENT
}
