package io.fieldsync.accounting.api;

/** Whether the unit prices of a document include tax (Xero {@code LineAmountTypes}, QuickBooks {@code GlobalTaxCalculation}). */
public enum AmountType {
    /** Prices exclude tax; tax is added on top. */
    TAX_EXCLUSIVE,
    /** Prices include tax. */
    TAX_INCLUSIVE,
    /** No tax applies to the document. */
    NO_TAX
}
