package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The transaction's tax: the total, which QBO computes, and for a US company the one sales-tax code the whole
 * transaction is taxed at ({@code TxnTaxCodeRef}, Finance.xsd: "the US tax model can have just a single tax code for
 * the entire transaction").
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboTxnTaxDetail(QboRef txnTaxCodeRef, BigDecimal totalTax) {

    /** What a client sends for a US company: the sales-tax code, no amounts. */
    public static QboTxnTaxDetail salesTax(String taxCodeId) {
        return new QboTxnTaxDetail(QboRef.of(taxCodeId), null);
    }
}
