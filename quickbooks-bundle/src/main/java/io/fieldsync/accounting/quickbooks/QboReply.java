package io.fieldsync.accounting.quickbooks;

/**
 * What QuickBooks answered, for statuses the caller handles itself (200, 400, 404).
 *
 * @param status the HTTP status
 * @param body the body text, possibly empty
 * @param intuitTid Intuit's transaction id of the exchange ({@code intuit_tid}), which its support asks for, or null
 */
record QboReply(int status, String body, String intuitTid) {

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
