package io.fieldsync.accounting.xero.wire;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Xero credit note (ACCRECCREDIT for sales). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroCreditNote(String creditNoteID, String type, XeroContact contact, String date, String creditNoteNumber,
                             String reference, String lineAmountTypes, String status, String currencyCode,
                             BigDecimal currencyRate, List<XeroLineItem> lineItems, BigDecimal total,
                             BigDecimal remainingCredit, String statusAttributeString,
                             List<XeroValidationError> validationErrors) {

    /** Validation messages of this element, never null. */
    public List<XeroValidationError> errors() {
        return validationErrors == null ? List.of() : validationErrors;
    }
}
