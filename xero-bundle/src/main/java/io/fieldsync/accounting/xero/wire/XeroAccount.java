package io.fieldsync.accounting.xero.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An account of the chart of accounts. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroAccount(String accountID, String code, String name, String type, String status, String systemAccount,
                          Boolean enablePaymentsToAccount) {
}
