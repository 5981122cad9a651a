package io.fieldsync.accounting.engine.sync;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The longest texts and the widest numbers and dates a host document may carry, so that it fits every accounting
 * system we ship (Xero and QuickBooks Online): where the two differ, the stricter one, unless a provider already
 * deals with the difference itself. Each limit names its source; a guess says it is one.
 */
final class FieldLimits {

    /** The journal's {@code host_id VARCHAR(128)}; the same rule as the records' own. */
    static final int HOST_ID = 128;
    /**
     * Xero {@code InvoiceNumber} maxLength 255 (Xero OpenAPI v16.1.0, Invoice). QuickBooks' {@code DocNumber} holds
     * 21 (Finance.xsd, Transaction.DocNumber), but the QuickBooks provider already refuses a longer number when host
     * numbers are kept (VALIDATION_FAILED naming the limit) and lets QuickBooks number the document otherwise, so
     * refusing it here would also refuse it for Xero companies, which take it.
     */
    static final int DOCUMENT_NUMBER = 255;
    /**
     * Xero's invoice, credit note and payment {@code Reference}: 255 (Xero API documentation for Invoices; the OpenAPI
     * copy gives no maxLength). QuickBooks carries it in {@code PrivateNote} (4000) or cuts {@code PaymentRefNum} at 21
     * and keeps the whole in the note, so Xero is the stricter.
     */
    static final int REFERENCE = 255;
    /** Line description: Xero 4000 (Xero API documentation for LineItems); QuickBooks 4000 (Finance.xsd, Line.Description). */
    static final int LINE_DESCRIPTION = 4000;
    /** Customer name: Xero Contact {@code Name} maxLength 255 (OpenAPI); QuickBooks {@code DisplayName} 500 (Intuit API reference). */
    static final int CUSTOMER_NAME = 255;
    /** Email: QuickBooks {@code EmailAddress.Address} 100 for QBO (IntuitBaseTypes.xsd); Xero 255 (OpenAPI Contact). */
    static final int EMAIL = 100;
    /** Phone: QuickBooks {@code FreeFormNumber} 21 (IntuitBaseTypes.xsd); Xero {@code PhoneNumber} 50 (OpenAPI Phone). */
    static final int PHONE = 21;
    /** Address line: Xero {@code AddressLine1..4} 500 (OpenAPI Address); QuickBooks {@code Line1..5} 500 for QBO (IntuitBaseTypes.xsd). */
    static final int ADDRESS_LINE = 500;
    /** City and region: Xero 255 (OpenAPI Address); QuickBooks {@code City}, {@code CountrySubDivisionCode} 255 for QBO. */
    static final int CITY_OR_REGION = 255;
    /** Postal code: QuickBooks 30 for QBO (IntuitBaseTypes.xsd); Xero 50 (OpenAPI Address). */
    static final int POSTAL_CODE = 30;
    /** Country: Xero 50 (OpenAPI Address); QuickBooks 255 for QBO. */
    static final int COUNTRY = 50;
    /** Host keys the mappings are keyed by (categories, tax rate ids, item codes): the host-id rule. A guess: neither vendor sees them whole. */
    static final int HOST_KEY = 128;

    /**
     * Quantities and unit prices below a thousand million in size. A guess: neither vendor documents a maximum; a
     * field-service line beyond this is a typo or an overflow in the host (a double's MAX_VALUE, a timestamp in the
     * quantity), and it would be booked as entered.
     */
    static final BigDecimal LINE_NUMBER_BOUND = new BigDecimal("1000000000");
    /** Document totals and payments below a million million. A guess, for the same reason. */
    static final BigDecimal AMOUNT_BOUND = new BigDecimal("1000000000000");
    /** Xero {@code CurrencyRate}: "max length = [18].[6]" (OpenAPI Invoice), so at most 12 digits before the point. */
    static final BigDecimal EXCHANGE_RATE_BOUND = new BigDecimal("1000000000000");

    /**
     * Document dates from 1900 to 2099. A guess: neither vendor documents bounds; these are fixed (never "today
     * plus n", so they read the same on any day), wide enough for historical imports and long due dates, and they
     * catch the year typos (0202, 20260) and zero dates (0001-01-01) that hosts send.
     */
    static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST_DATE = LocalDate.of(2099, 12, 31);

    private FieldLimits() {
    }
}
