package io.fieldsync.accounting.quickbooks;

/** A write was sent but no answer came (read timeout, connection dropped, 5xx): it may or may not have been applied. */
final class OutcomeUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
