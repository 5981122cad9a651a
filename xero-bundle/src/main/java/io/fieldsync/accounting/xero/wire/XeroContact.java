package io.fieldsync.accounting.xero.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Xero contact; on invoices only {@code ContactID} is sent (anything more would update the contact). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroContact(String contactID, String contactNumber, String contactStatus, String name, String emailAddress,
                          List<XeroAddress> addresses, List<XeroPhone> phones, Boolean hasValidationErrors,
                          List<XeroValidationError> validationErrors) {

    /** A reference to an existing contact. */
    public static XeroContact ref(String contactId) {
        return new XeroContact(contactId, null, null, null, null, null, null, null, null);
    }

    /** Validation messages of this element, never null. */
    public List<XeroValidationError> errors() {
        return validationErrors == null ? List.of() : validationErrors;
    }
}
