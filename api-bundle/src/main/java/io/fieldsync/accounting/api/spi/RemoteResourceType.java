package io.fieldsync.accounting.api.spi;

/**
 * What a webhook event is about, in the SPI's words. Providers map their vendor's words onto these; a word with no
 * constant here becomes {@link #OTHER}, and the event keeps the vendor's word ({@link RemoteEvent#vendorResourceType()}).
 */
public enum RemoteResourceType {
    /** Xero {@code INVOICE}; QuickBooks {@code Invoice}. */
    INVOICE,
    /** A customer: Xero {@code CONTACT}; QuickBooks {@code Customer}. */
    CONTACT,
    /** Xero {@code CREDITNOTE}; QuickBooks {@code CreditMemo}. */
    CREDIT_NOTE,
    /** QuickBooks {@code Payment} (Xero sends no payment events). */
    PAYMENT,
    /** Anything else (Xero {@code SUBSCRIPTION}, QuickBooks {@code Account}, {@code Item}, ...). */
    OTHER
}
