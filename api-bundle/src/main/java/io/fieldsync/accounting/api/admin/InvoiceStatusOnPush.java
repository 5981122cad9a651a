package io.fieldsync.accounting.api.admin;

/** The status invoices get in the accounting system when pushed. */
public enum InvoiceStatusOnPush {
    /** A draft someone approves in the accounting system. */
    DRAFT,
    /** Approved (Xero AUTHORISED), ready for payments. */
    APPROVED
}
