package io.fieldsync.accounting.api.spi;

/**
 * What a provider can do. Anything a provider does not declare is shown on the document as
 * UNSUPPORTED, never skipped silently.
 */
public enum ProviderCapability {
    /** Find or create customers. */
    CUSTOMERS,
    /** Create invoices. */
    INVOICES,
    /** Update an invoice already sent (changed after it was synced). */
    INVOICE_UPDATES,
    /** Create credit notes for fully cancelled invoices. */
    CREDIT_NOTES,
    /** Credit notes for part of an invoice (refunds, returns). */
    PARTIAL_CREDIT_NOTES,
    /** Apply payments to invoices. */
    PAYMENTS,
    /**
     * Change a payment already sent (amount, date, account): in place where the accounting system allows it, else
     * by removing it and applying the new one. Without it, a changed payment is shown as UNSUPPORTED, never sent twice.
     */
    PAYMENT_UPDATES,
    /** Change a credit note already sent, keeping it allocated to its invoice; without it, as for payments. */
    CREDIT_NOTE_UPDATES,
    /** Invoices in a currency other than the organisation's, with an exchange rate. */
    MULTI_CURRENCY,
    /** More than one tax rate on one line. */
    MULTIPLE_TAXES_PER_LINE,
    /** Read an invoice's payment state. */
    PAYMENT_STATE,
    /** List changes since a point in time (polling backstop). */
    CHANGE_POLLING,
    /** Signed webhooks. */
    WEBHOOKS,
    /** Push invoices as drafts. */
    DRAFT_INVOICES,
    /**
     * Credit notes and payments in one call ({@link ProviderDocuments#pushSettlements}): the vendor takes writes of
     * different kinds in one request (QuickBooks' {@code /batch}, Intuit BatchItemRequest), so the engine sends a turn's
     * credit notes and payments together. Without it each kind goes in a call of its own.
     *
     * @since 2.1
     */
    SETTLEMENTS_IN_ONE_CALL
}
