package io.fieldsync.accounting.xero.wire;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A payment applied to an invoice. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroPayment(String paymentID, XeroInvoice invoice, XeroAccountRef account, String date, BigDecimal amount,
                          BigDecimal currencyRate, String reference, String status, Boolean hasValidationErrors,
                          String statusAttributeString, List<XeroValidationError> validationErrors) {

    /** Validation messages of this element, never null. */
    public List<XeroValidationError> errors() {
        return validationErrors == null ? List.of() : validationErrors;
    }
}
