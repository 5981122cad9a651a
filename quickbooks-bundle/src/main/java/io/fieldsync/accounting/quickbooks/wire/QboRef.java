package io.fieldsync.accounting.quickbooks.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code ReferenceType}: {@code {"value": id, "name": ...}}, the one QBO shape that is lower case. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboRef(String value, String name) {

    public static QboRef of(String value) {
        return value == null ? null : new QboRef(value, null);
    }
}
