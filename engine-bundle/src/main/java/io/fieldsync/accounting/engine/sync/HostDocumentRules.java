package io.fieldsync.accounting.engine.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import io.fieldsync.accounting.api.Address;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.Payment;

/**
 * What a host document must be to be taken at the door, on top of what its record checks when it is built: texts
 * without control characters and no longer than every accounting system we ship takes ({@link FieldLimits}),
 * numbers and dates within sane bounds, totals the accounting systems accept. A refusal is an
 * {@link InvalidInputException} naming the field, thrown before anything is stored.
 */
final class HostDocumentRules {

    private HostDocumentRules() {
    }

    static void check(CompanyId company) {
        text("company", company.value(), FieldLimits.HOST_ID, false);
    }

    static void check(Invoice invoice) {
        text("invoice.hostId", invoice.hostId(), FieldLimits.HOST_ID, false);
        text("invoice.number", invoice.number(), FieldLimits.DOCUMENT_NUMBER, false);
        text("invoice.reference", invoice.reference(), FieldLimits.REFERENCE, false);
        customer("invoice.customer", invoice.customer());
        date("invoice.issueDate", invoice.issueDate());
        date("invoice.dueDate", invoice.dueDate());
        currency("invoice.currency", invoice.currency());
        exchangeRate("invoice.exchangeRate", invoice.exchangeRate());
        lines("invoice", invoice.lines());
        // Xero: "The Total for this document must be greater than or equal to zero" (observed validation message);
        // QuickBooks: "Transaction amount must be positive" for a negative invoice. A zero invoice is taken by both.
        if (invoice.linesTotal().signum() < 0) {
            throw new InvalidInputException("invoice.lines", "add up to " + invoice.linesTotal().toPlainString()
                    + "; an invoice total cannot be negative: send a credit note for the amount instead");
        }
        bound("invoice.lines", invoice.linesTotal(), FieldLimits.AMOUNT_BOUND, "add up to");
    }

    static void check(CreditNote creditNote) {
        text("creditNote.hostId", creditNote.hostId(), FieldLimits.HOST_ID, false);
        text("creditNote.invoiceHostId", creditNote.invoiceHostId(), FieldLimits.HOST_ID, false);
        text("creditNote.number", creditNote.number(), FieldLimits.DOCUMENT_NUMBER, false);
        text("creditNote.reason", creditNote.reason(), FieldLimits.REFERENCE, false);
        date("creditNote.date", creditNote.date());
        lines("creditNote", creditNote.lines());
        // A credit of nothing cannot be allocated (Xero allocations and QuickBooks' applying payment both carry the
        // credited amount), and a negative one is an invoice: neither is a credit note.
        BigDecimal total = linesTotal(creditNote.lines());
        if (total.signum() <= 0) {
            throw new InvalidInputException("creditNote.lines", "add up to " + total.toPlainString()
                    + "; a credit note must credit more than zero");
        }
        bound("creditNote.lines", total, FieldLimits.AMOUNT_BOUND, "add up to");
    }

    static void check(Payment payment) {
        text("payment.hostId", payment.hostId(), FieldLimits.HOST_ID, false);
        text("payment.invoiceHostId", payment.invoiceHostId(), FieldLimits.HOST_ID, false);
        text("payment.reference", payment.reference(), FieldLimits.REFERENCE, false);
        date("payment.date", payment.date());
        currency("payment.currency", payment.currency());
        exchangeRate("payment.exchangeRate", payment.exchangeRate());
        bound("payment.amount", payment.amount(), FieldLimits.AMOUNT_BOUND, "is");
    }

    /** The sum of the line amounts, as {@link Invoice#linesTotal()} adds them. */
    static BigDecimal linesTotal(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::lineAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void customer(String field, Customer customer) {
        text(field + ".hostId", customer.hostId(), FieldLimits.HOST_ID, false);
        text(field + ".name", customer.name(), FieldLimits.CUSTOMER_NAME, false);
        text(field + ".email", customer.email(), FieldLimits.EMAIL, false);
        text(field + ".phone", customer.phone(), FieldLimits.PHONE, false);
        Address address = customer.billingAddress();
        if (address != null) {
            for (int i = 0; i < address.lines().size(); i++) {
                text(field + ".billingAddress.lines[" + i + "]", address.lines().get(i), FieldLimits.ADDRESS_LINE, false);
            }
            text(field + ".billingAddress.city", address.city(), FieldLimits.CITY_OR_REGION, false);
            text(field + ".billingAddress.region", address.region(), FieldLimits.CITY_OR_REGION, false);
            text(field + ".billingAddress.postalCode", address.postalCode(), FieldLimits.POSTAL_CODE, false);
            text(field + ".billingAddress.country", address.country(), FieldLimits.COUNTRY, false);
        }
    }

    private static void lines(String document, List<InvoiceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            String field = document + ".lines[" + i + "]";
            // both vendors keep line breaks and tabs in a line description (multi-line descriptions print as such)
            text(field + ".description", line.description(), FieldLimits.LINE_DESCRIPTION, true);
            text(field + ".category", line.category(), FieldLimits.HOST_KEY, false);
            text(field + ".itemCode", line.itemCode(), FieldLimits.HOST_KEY, false);
            for (int t = 0; t < line.taxRateIds().size(); t++) {
                String taxRate = line.taxRateIds().get(t);
                if (taxRate == null || taxRate.isBlank()) {
                    throw new InvalidInputException(field + ".taxRateIds[" + t + "]", "is blank; leave it out for an untaxed line");
                }
                text(field + ".taxRateIds[" + t + "]", taxRate, FieldLimits.HOST_KEY, false);
            }
            bound(field + ".quantity", line.quantity(), FieldLimits.LINE_NUMBER_BOUND, "is");
            bound(field + ".unitPrice", line.unitPrice(), FieldLimits.LINE_NUMBER_BOUND, "is");
        }
    }

    /**
     * No C0 control character (U+0000 to U+001F; U+001F also separates the parts of the engine's own keys) and no
     * DEL (U+007F), except tab and line breaks where {@code multiLine}; no unpaired surrogate, which cannot be sent as
     * UTF-8 (QuickBooks answers fault 500 for malformed UTF-8; api-facts §8.1); at most {@code max} characters.
     */
    static void text(String field, String value, int max, boolean multiLine) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new InvalidInputException(field, "is " + length + " characters long; the accounting systems take at most " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 || c == 0x7F;
            boolean allowedBreak = multiLine && (c == '\t' || c == '\n' || c == '\r');
            if (control && !allowedBreak) {
                throw new InvalidInputException(field, "contains the control character U+%04X at position %d%s"
                        .formatted((int) c, i + 1, multiLine ? "" : "; only printable characters are taken here"));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field, "contains half of a character (an unpaired UTF-16 surrogate) at position " + (i + 1));
            }
        }
    }

    private static void date(String field, LocalDate date) {
        if (date.isBefore(FieldLimits.EARLIEST_DATE) || date.isAfter(FieldLimits.LATEST_DATE)) {
            throw new InvalidInputException(field, "is " + date + "; dates from " + FieldLimits.EARLIEST_DATE + " to "
                    + FieldLimits.LATEST_DATE + " are taken");
        }
    }

    private static void currency(String field, Currency currency) {
        // ISO 4217 codes for "no currency", testing and precious metals have no minor unit: neither accounting system books them
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidInputException(field, "is " + currency.getCurrencyCode() + ", which is not a currency an invoice can be in");
        }
    }

    private static void exchangeRate(String field, BigDecimal rate) {
        if (rate != null) {
            bound(field, rate, FieldLimits.EXCHANGE_RATE_BOUND, "is");
        }
    }

    private static void bound(String field, BigDecimal value, BigDecimal bound, String verb) {
        if (value.abs().compareTo(bound) >= 0) {
            throw new InvalidInputException(field, verb + " " + value.toPlainString() + "; it must stay below "
                    + bound.toPlainString() + " in size");
        }
    }
}
