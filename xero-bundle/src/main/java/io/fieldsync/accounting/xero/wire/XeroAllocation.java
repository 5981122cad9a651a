package io.fieldsync.accounting.xero.wire;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An allocation of a credit note against an invoice. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroAllocation(String allocationID, XeroInvoice invoice, BigDecimal amount, String date,
                             String statusAttributeString, List<XeroValidationError> validationErrors) {

    /** Validation messages of this element, never null. */
    public List<XeroValidationError> errors() {
        return validationErrors == null ? List.of() : validationErrors;
    }
}
