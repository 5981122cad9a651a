package io.fieldsync.accounting.xero.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One validation message of an element. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroValidationError(String message) {

    /** An element's messages as one line, for the document's error detail. */
    public static String join(java.util.List<XeroValidationError> errors) {
        return String.join("; ", errors.stream().map(error -> String.valueOf(error.message())).toList());
    }
}
