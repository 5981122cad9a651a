package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The detail of a sales line: item, quantity, unit price, tax code, line discount. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboSalesItemLineDetail(QboRef itemRef, BigDecimal qty, BigDecimal unitPrice, QboRef taxCodeRef, BigDecimal discountRate) {
}
