package io.fieldsync.accounting.xero.wire;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Xero invoice. Requests carry dates as {@code YYYY-MM-DD}; responses carry Xero's
 * {@code /Date(ms+0000)/} form in the same fields (see {@link XeroDates}).
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroInvoice(String invoiceID, String type, XeroContact contact, String date, String dueDate,
                          String invoiceNumber, String reference, String lineAmountTypes, String status, String currencyCode,
                          BigDecimal currencyRate, List<XeroLineItem> lineItems, BigDecimal subTotal, BigDecimal total, BigDecimal amountDue,
                          BigDecimal amountPaid, BigDecimal amountCredited, String fullyPaidOnDate, String updatedDateUTC,
                          Boolean hasErrors, String statusAttributeString, List<XeroValidationError> validationErrors,
                          List<XeroPayment> payments) {

    /** A reference to an existing invoice (allocations, payments). */
    public static XeroInvoice ref(String invoiceId) {
        return withStatus(invoiceId, null);
    }

    /** A status change of an existing invoice (DELETED for drafts, VOIDED). */
    public static XeroInvoice withStatus(String invoiceId, String status) {
        return new XeroInvoice(invoiceId, null, null, null, null, null, null, null, status, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The payments applied to it, never null. */
    public List<XeroPayment> paymentList() {
        return payments == null ? List.of() : payments;
    }

    /** Validation messages of this element, never null. */
    public List<XeroValidationError> errors() {
        return validationErrors == null ? List.of() : validationErrors;
    }
}
