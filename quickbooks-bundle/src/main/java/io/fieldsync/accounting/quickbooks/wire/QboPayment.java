package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
public record QboPayment(String id, String syncToken, @JsonProperty("sparse") Boolean sparse, QboRef customerRef, BigDecimal totalAmt, BigDecimal unappliedAmt, String txnDate,
                         String paymentRefNum, QboRef depositToAccountRef, List<QboLine> line, String privateNote, QboRef currencyRef,
                         BigDecimal exchangeRate, QboMetaData metaData) {

    /** The customer id, or null. */
    public String customerId() {
        return customerRef == null ? null : customerRef.value();
    }

    /** Whether QBO voided it: it stays, with every amount zero and the private note "Voided". */
    public boolean voided() {
        return (totalAmt == null || totalAmt.signum() == 0) && privateNote != null && privateNote.strip().startsWith("Voided");
    }

    /** What its lines apply to the transaction {@code txnId} of {@code txnType} (Invoice, CreditMemo). */
    public BigDecimal appliedTo(String txnType, String txnId) {
        return lines().stream().filter(line -> line.amount() != null && line.linkedTxn() != null && line.linkedTxn().stream()
                .anyMatch(link -> txnType.equals(link.txnType()) && txnId.equals(link.txnId())))
                .map(QboLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The lines, never null. */
    public List<QboLine> lines() {
        return line == null ? List.of() : line;
    }
}
