package io.fieldsync.accounting.sandbox.xero.wire;

/**
 * The element-level validation messages the sandbox returns, in one place so that their provenance is visible.
 * [V]: the exact text appears in Xero's OpenAPI spec or its examples. [S]: quoted by secondary sources
 * (reference/api-facts.md). [U]: the sandbox's wording; no published sample was found. A client must never
 * branch on [U] texts.
 */
public final class ValidationMessages {

    private ValidationMessages() {
    }

    // --- contacts ---
    /** [V] examples/xero-validation-error-contact-duplicate-name.json */
    public static String duplicateContactName(String name) {
        return "The contact name " + name + " is already assigned to another contact. "
                + "The contact name must be unique across all active contacts.";
    }

    /** [U] */
    public static final String CONTACT_NAME_REQUIRED = "The contact name must be specified.";
    /** [U] */
    public static final String CONTACT_NOT_FOUND = "The contact could not be found.";

    // --- invoices and credit notes ---
    /** [U] (a duplicate ACCREC number is refused; the text is not published, api-facts §8.1) */
    public static final String DUPLICATE_INVOICE_NUMBER = "Invoice # must be unique.";
    /** [U] */
    public static final String DUPLICATE_CREDIT_NOTE_NUMBER = "Credit Note # must be unique.";
    /** [U] */
    public static final String INVOICE_TYPE_INVALID = "Invoice Type must be ACCREC or ACCPAY.";
    /** [U] */
    public static final String CREDIT_NOTE_TYPE_INVALID = "Credit Note Type must be ACCRECCREDIT or ACCPAYCREDIT.";
    /** [U] */
    public static final String CONTACT_REQUIRED = "A Contact must be specified for this type of transaction";
    /** [U] */
    public static final String NOT_VALID_STATUS_FOR_CREATION = "Invoice not of valid status for creation";
    /** [S] api-facts §8.1 ("appears when editing paid or voided documents") */
    public static final String NOT_VALID_STATUS_FOR_MODIFICATION = "Invoice not of valid status for modification";
    /** [U] */
    public static final String HAS_PAYMENTS_OR_CREDITS =
            "This document cannot be edited as it has a payment or credit note allocated to it.";
    /** [U] */
    public static final String LINE_ITEMS_REQUIRED = "At least one line item must be specified for an approved document.";
    /** [U] */
    public static final String ACCOUNT_CODE_REQUIRED = "An account code must be specified on each line of an approved document.";
    /** [U] */
    public static final String DUE_DATE_REQUIRED = "Due Date must be specified for an approved invoice.";
    /** [U] */
    public static final String NEGATIVE_TOTAL = "The document total cannot be negative.";
    /** [U] */
    public static final String DISCOUNT_ON_CREDIT_NOTE = "Discounts are not supported on credit notes.";
    /** [U] */
    public static final String INVOICE_NOT_FOUND = "Invoice could not be found.";

    /** [U] */
    public static String invalidAccountCode(String code) {
        return "Account code '" + code + "' is not a valid code for this document.";
    }

    /** [U] */
    public static String invalidTaxType(String taxType) {
        return "The TaxType code '" + taxType + "' does not exist or cannot be used with this type of transaction.";
    }

    /** [U] */
    public static String invalidItemCode(String code) {
        return "Item code '" + code + "' is not valid.";
    }

    /** [U] */
    public static String currencyNotSubscribed(String currency) {
        return "Organisation is not subscribed to currency " + currency;
    }

    /** [U] */
    public static String lineAmountMismatch(String expected) {
        return "The LineAmount does not equal Quantity x UnitAmount less discount (" + expected + ").";
    }

    /** [U] */
    public static String invalidStatusChange(String from, String to) {
        return "Cannot change the status of this document from " + from + " to " + to + ".";
    }

    // --- payments ---
    /** [V] examples/xero-payment-create-response-with-element-validation-error.json */
    public static final String PAYMENT_EXCEEDS_OUTSTANDING = "Payment amount exceeds the amount outstanding on this document";
    /** [U] */
    public static final String PAYMENT_AMOUNT_NOT_POSITIVE = "Payment amount must be greater than zero.";
    /** [U] */
    public static final String PAYMENT_DOCUMENT_NOT_AUTHORISED = "Payments can only be made against Authorised documents.";
    /** [U] */
    public static final String PAYMENT_ACCOUNT_NOT_FOUND = "Account could not be found.";
    /** [U] */
    public static final String PAYMENT_ACCOUNT_INVALID =
            "Payments can only be made to BANK accounts or accounts with EnablePaymentsToAccount set.";
    /** [U] (the sandbox models payments against invoices only) */
    public static final String PAYMENT_TARGET_UNSUPPORTED = "The sandbox supports payments against invoices only.";

    // --- allocations ---
    /** [U] */
    public static final String ALLOCATION_EXCEEDS_CREDIT = "The amount being allocated exceeds the remaining credit on this credit note.";
    /** [U] */
    public static final String ALLOCATION_EXCEEDS_DUE = "The amount being allocated exceeds the amount outstanding on the invoice.";
    /** [U] */
    public static final String ALLOCATION_AMOUNT_NOT_POSITIVE = "The amount being allocated must be greater than zero.";
    /** [U] */
    public static final String ALLOCATION_CREDIT_NOTE_NOT_AUTHORISED = "Only AUTHORISED credit notes can be allocated.";
    /** [U] */
    public static final String ALLOCATION_INVOICE_NOT_AUTHORISED = "Credit can only be allocated to AUTHORISED invoices.";
    /** [U] */
    public static final String ALLOCATION_CONTACT_MISMATCH = "The credit note and the invoice must belong to the same contact.";
}
