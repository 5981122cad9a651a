package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A credit memo: shaped like an invoice (US sales tax in {@code TxnTaxDetail} too), with the credit not yet applied in {@code RemainingCredit}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboCreditMemo(String id, String syncToken, @JsonProperty("sparse") Boolean sparse, String docNumber, String txnDate, QboRef customerRef, List<QboLine> line,
                            String globalTaxCalculation, QboRef currencyRef, BigDecimal exchangeRate, String privateNote,
                            QboRef customerMemo, QboTxnTaxDetail txnTaxDetail, BigDecimal totalAmt, BigDecimal remainingCredit,
                            BigDecimal balance) {

    /** Whether QBO voided it: it stays, with every amount zero and the private note "Voided". */
    public boolean voided() {
        return (totalAmt == null || totalAmt.signum() == 0) && privateNote != null && privateNote.strip().startsWith("Voided");
    }
}
