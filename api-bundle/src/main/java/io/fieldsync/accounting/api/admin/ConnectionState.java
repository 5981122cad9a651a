package io.fieldsync.accounting.api.admin;

/** The state of a company's connection to the active accounting system. */
public enum ConnectionState {
    /** Never connected, or disconnected. */
    NOT_CONNECTED,
    /** Authorisation was started; waiting for the accounting system's callback. */
    AWAITING_AUTHORIZATION,
    /** Authorised for several organisations: the admin must choose one. */
    CHOOSING_ORGANISATION,
    /** Connected and usable. */
    CONNECTED,
    /** The accounting system refused the stored tokens: the admin must reconnect. */
    EXPIRED
}
