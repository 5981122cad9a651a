package io.fieldsync.accounting.xero.wire;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An invoice or credit note line. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroLineItem(String description, BigDecimal quantity, BigDecimal unitAmount, String itemCode,
                           String accountCode, String taxType, BigDecimal discountRate, BigDecimal lineAmount) {
}
