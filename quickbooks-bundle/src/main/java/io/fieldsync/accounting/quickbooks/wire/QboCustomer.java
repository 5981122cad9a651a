package io.fieldsync.accounting.quickbooks.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A customer; {@code DisplayName} is unique across customers, vendors and employees. {@code CurrencyRef} is fixed when
 * it is created (home currency when absent) and never sent on an update.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboCustomer(String id, String syncToken, @JsonProperty("sparse") Boolean sparse, String displayName,
                          String companyName, QboEmail primaryEmailAddr, QboPhone primaryPhone, QboAddress billAddr, Boolean active,
                          QboRef currencyRef) {

    /** The email address, or null. */
    public String email() {
        return primaryEmailAddr == null ? null : primaryEmailAddr.address();
    }
}
