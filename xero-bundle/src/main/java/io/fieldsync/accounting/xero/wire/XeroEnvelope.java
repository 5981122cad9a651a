package io.fieldsync.accounting.xero.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of every Accounting API collection request and response: one list is filled, the rest
 * are left out. A 400 ValidationException also comes in this shape plus {@code Elements}.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroEnvelope(List<XeroContact> contacts, List<XeroInvoice> invoices, List<XeroCreditNote> creditNotes,
                           List<XeroAllocation> allocations, List<XeroPayment> payments, List<XeroAccount> accounts,
                           List<XeroTaxRate> taxRates, List<XeroItem> items, List<XeroOrganisation> organisations,
                           Integer errorNumber, String type, String message,
                           @JsonProperty("pagination") XeroPagination pagination) {

    public static XeroEnvelope ofContacts(List<XeroContact> contacts) {
        return new XeroEnvelope(contacts, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static XeroEnvelope ofInvoices(List<XeroInvoice> invoices) {
        return new XeroEnvelope(null, invoices, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static XeroEnvelope ofCreditNotes(List<XeroCreditNote> creditNotes) {
        return new XeroEnvelope(null, null, creditNotes, null, null, null, null, null, null, null, null, null, null);
    }

    public static XeroEnvelope ofAllocations(List<XeroAllocation> allocations) {
        return new XeroEnvelope(null, null, null, allocations, null, null, null, null, null, null, null, null, null);
    }

    public static XeroEnvelope ofPayments(List<XeroPayment> payments) {
        return new XeroEnvelope(null, null, null, null, payments, null, null, null, null, null, null, null, null);
    }

    public List<XeroContact> contactList() {
        return contacts == null ? List.of() : contacts;
    }

    public List<XeroInvoice> invoiceList() {
        return invoices == null ? List.of() : invoices;
    }

    public List<XeroCreditNote> creditNoteList() {
        return creditNotes == null ? List.of() : creditNotes;
    }

    public List<XeroAllocation> allocationList() {
        return allocations == null ? List.of() : allocations;
    }

    public List<XeroPayment> paymentList() {
        return payments == null ? List.of() : payments;
    }
}
