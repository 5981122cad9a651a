package io.fieldsync.accounting.sandbox.qbo.ledger;

/**
 * A request QBO refuses with a ValidationFault (HTTP 400): the error code, Message and Detail QBO uses and the
 * element it blames (reference/api-facts.md §8.1, Q-ERRORS). Thrown by the rules, rendered by the API (or put into a
 * batch item's Fault).
 */
public final class QboFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String detail;
    private final String element;

    public QboFault(String code, String message, String detail, String element) {
        super(message);
        this.code = code;
        this.detail = detail;
        this.element = element == null ? "" : element;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public String element() {
        return element;
    }

    // --- the faults the rules raise, with QBO's words ---

    public static QboFault notFound(String entity, String id) {
        return new QboFault("610", "Object Not Found", "Object Not Found : Something you're trying to use has been "
                + "made inactive. Check the fields with accounts, customers, items, vendors or employees. ("
                + entity + " " + id + ")", "");
    }

    public static QboFault invalidReference(String element, String entity, String id) {
        return new QboFault("2500", "Invalid Reference Id", "Invalid Reference Id : " + entity + " element id " + id
                + " not found or inactive", element);
    }

    public static QboFault required(String element) {
        return new QboFault("2020", "Required param missing, need to supply the required value for the API",
                "Required parameter " + element + " is missing in the request", element);
    }

    public static QboFault invalidEnum(String element, String value) {
        return new QboFault("2170", "Invalid Enumeration", "Invalid Enumeration : " + value, element);
    }

    public static QboFault stale(String syncToken) {
        return new QboFault("5010", "Stale Object Error", "Stale Object Error : You and root were working on this at "
                + "the same time. root finished before you did, so your work was not saved. (SyncToken " + syncToken
                + " is not the latest)", "");
    }

    public static QboFault business(String detail, String element) {
        return new QboFault("6000", "A business validation error has occurred while processing your request",
                "Business Validation Error: " + detail, element);
    }

    public static QboFault duplicateName(String name) {
        return new QboFault("6240", "Duplicate Name Exists Error", "The name supplied already exists. : Another "
                + "customer, vendor or employee is already using this name (" + name + "). Please use a different "
                + "name.", "");
    }

    public static QboFault duplicateDocNumber(String docNumber, String txnType, String txnId) {
        return new QboFault("6140", "Duplicate Document Number Error", "Duplicate Document Number Error : You must "
                + "specify a different number. This number has already been used. DocNumber=" + docNumber
                + " is assigned to TxnType=" + txnType + " with TxnId=" + txnId, "DocNumber");
    }

    public static QboFault unsupported(String detail) {
        return new QboFault("500", "Unsupported Operation", "Operation " + detail + " is not supported.", "");
    }

    public static QboFault request(String detail) {
        return new QboFault("2010", "Request has invalid or unsupported property", detail, "");
    }
}
