package io.fieldsync.accounting.xero.wire;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A tax rate; documents name it by {@code TaxType}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroTaxRate(String name, String taxType, String status, BigDecimal effectiveRate, Boolean canApplyToRevenue,
                          String reportTaxType) {
}
