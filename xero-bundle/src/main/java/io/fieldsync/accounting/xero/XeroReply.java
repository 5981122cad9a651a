package io.fieldsync.accounting.xero;

/**
 * What Xero answered, for statuses the caller handles itself (200, 400, 404).
 *
 * @param status the HTTP status
 * @param body the body text, possibly empty
 */
record XeroReply(int status, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
