package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A payment received. Each line links what it pays ({@code Invoice}) or uses ({@code CreditMemo}); a payment of
 * zero with one line of each applies a credit memo to an invoice.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboPayment(String id, String syncToken, QboRef customerRef, BigDecimal totalAmt, BigDecimal unappliedAmt, String txnDate,
                         String paymentRefNum, QboRef depositToAccountRef, List<QboLine> line, String privateNote, QboRef currencyRef,
                         BigDecimal exchangeRate, QboMetaData metaData) {

    /** The lines, never null. */
    public List<QboLine> lines() {
        return line == null ? List.of() : line;
    }
}
