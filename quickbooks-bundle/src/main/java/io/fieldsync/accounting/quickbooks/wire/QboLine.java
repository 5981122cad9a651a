package io.fieldsync.accounting.quickbooks.wire;

import java.math.BigDecimal;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A transaction line: a {@code SalesItemLineDetail} line of an invoice or credit memo, or a payment line with its links. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboLine(String id, String detailType, BigDecimal amount, String description, QboSalesItemLineDetail salesItemLineDetail,
                      List<QboLinkedTxn> linkedTxn) {

    public static QboLine sales(String description, BigDecimal amount, QboSalesItemLineDetail detail) {
        return new QboLine(null, "SalesItemLineDetail", amount, description, detail, null);
    }

    public static QboLine payment(BigDecimal amount, String txnId, String txnType) {
        return new QboLine(null, null, amount, null, null, List.of(new QboLinkedTxn(txnId, txnType)));
    }
}
