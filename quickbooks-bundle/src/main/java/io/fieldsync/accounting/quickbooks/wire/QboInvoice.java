package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An invoice. There is no status: paid, partly paid and voided follow from {@code TotalAmt}, {@code Balance},
 * {@code LinkedTxn} and {@code PrivateNote} (a voided invoice has zero totals and the note "Voided").
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboInvoice(String id, String syncToken, @JsonProperty("sparse") Boolean sparse, String docNumber, String txnDate,
                         String dueDate, QboRef customerRef, List<QboLine> line, String globalTaxCalculation, QboRef currencyRef,
                         BigDecimal exchangeRate, QboEmail billEmail, String privateNote, QboRef customerMemo,
                         QboTxnTaxDetail txnTaxDetail, BigDecimal totalAmt, BigDecimal balance, List<QboLinkedTxn> linkedTxn,
                         QboMetaData metaData, @JsonProperty("status") String status) {

    /** The links to payments and credit memos, never null. */
    public List<QboLinkedTxn> links() {
        return linkedTxn == null ? List.of() : linkedTxn;
    }

    /** The customer id, or null. */
    public String customerId() {
        return customerRef == null ? null : customerRef.value();
    }
}
