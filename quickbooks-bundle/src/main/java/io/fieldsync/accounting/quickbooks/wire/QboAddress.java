package io.fieldsync.accounting.quickbooks.wire;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A physical address ({@code BillAddr}); QBO keeps up to five street lines, we send four. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboAddress(String line1, String line2, String line3, String line4, String city, String countrySubDivisionCode,
                         String postalCode, String country) {
}
