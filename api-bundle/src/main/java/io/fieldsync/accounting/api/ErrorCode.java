package io.fieldsync.accounting.api;

/**
 * The typed reasons a document fails or waits. Each comes with words an admin can act on:
 * {@link #message(String)} names the subject (the category, the tax rate, the customer) and says
 * where to fix it.
 */
public enum ErrorCode {
    /** The refresh token was refused (expired, revoked, already rotated). The documents wait as DISCONNECTED. */
    CONNECTION_EXPIRED(false, "The connection to %s has expired",
            "Reconnect in Settings → Accounting → Connection; waiting documents are sent after that."),
    /** The company has no connection to the active accounting system. The documents wait as DISCONNECTED. */
    NOT_CONNECTED(false, "This company is not connected to %s",
            "Connect in Settings → Accounting → Connection; waiting documents are sent after that."),
    /** The customer has no usable name or a malformed email. */
    CUSTOMER_INVALID(true, "Customer %s cannot be sent",
            "Give the customer a name and a valid email address (or none) in the customer record, then retry."),
    /** A category, account or item mapping the document needs is missing or points at an inactive account. */
    MAPPING_MISSING(true, "%s is not mapped",
            "Map it in Settings → Accounting → Mappings, then retry."),
    /** A host tax rate is not mapped to an active tax rate of the accounting system. */
    TAX_MAPPING_MISSING(true, "Tax rate %s is not mapped to an active tax rate",
            "Map it in Settings → Accounting → Tax rates, then retry."),
    /** The accounting system already holds a different document with this number. */
    DUPLICATE_DOCUMENT(true, "%s already exists in the accounting system as a different document",
            "Give the document another number or remove the other one in the accounting system, then retry."),
    /** A limit of the accounting system was hit. Never shown as a failure: the document waits and goes out when allowed. */
    RATE_LIMITED(false, "The accounting system asked us to slow down (%s limit)",
            "Nothing to do: the document is sent automatically when the limit allows."),
    /** The accounting system refused the document; its own words are in the detail. */
    VALIDATION_FAILED(true, "The accounting system refused %s",
            "Correct what its message names, then retry."),
    /** A document this one depends on (the invoice of a payment or credit note) is missing or not synced. */
    PREREQUISITE_MISSING(true, "%s",
            "Send the document it depends on first; this one is retried after it."),
    /** The active provider is not installed or not running, or the accounting system is down. Documents wait. */
    PROVIDER_UNAVAILABLE(false, "%s is not available",
            "Nothing is lost: documents wait and are sent when it is back. Check the provider bundle if this lasts."),
    /** The active provider declared that it cannot do this. */
    UNSUPPORTED(true, "%s is not supported by the active accounting system",
            "Handle it by hand in the accounting system, or switch to a provider that supports it."),
    /**
     * A value handed over at the door (by the host, in a callback, in a configuration) cannot be taken: the message
     * names the field and the rule. Nothing was stored; other documents are not held up.
     */
    INVALID_INPUT(true, "%s",
            "Correct the value where it comes from and hand the document over again; nothing was stored for it."),
    /**
     * A configuration value makes no sense; the component keeps running on the sane value named in the message.
     */
    INVALID_CONFIGURATION(true, "%s",
            "Correct it with config:edit (or in the etc/ .cfg file named); the change applies without a restart."),
    /** An authorisation callback could not complete a connection; no existing connection was changed. */
    AUTHORIZATION_FAILED(true, "%s",
            "Start connecting again from Settings → Accounting → Connection."),
    /** A fault of this product; the detail is in the log. */
    INTERNAL_ERROR(true, "%s failed unexpectedly",
            "Retry; if it fails again, send the Karaf log to support.");

    private final boolean needsAction;
    private final String title;
    private final String action;

    ErrorCode(boolean needsAction, String title, String action) {
        this.needsAction = needsAction;
        this.title = title;
        this.action = action;
    }

    /**
     * True when a person must fix something before the document can go; false when the engine waits
     * and retries by itself (rate limits, disconnection, an absent provider).
     */
    public boolean needsAction() {
        return needsAction;
    }

    /** What to do about it, in the admin's words. */
    public String action() {
        return action;
    }

    /** The full message for an admin: what went wrong with {@code subject}, and what to do. */
    public String message(String subject) {
        return title.formatted(subject) + ". " + action;
    }
}
