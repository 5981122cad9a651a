package io.fieldsync.accounting.api;

import java.util.Objects;

/**
 * A whole call failed for a typed reason (transport, authorisation, a limit). Failures of single
 * documents inside a batch are not exceptions: they are outcomes of those documents.
 */
public class AccountingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SyncError error;

    /** An exception carrying {@code error}. */
    public AccountingException(SyncError error) {
        this(error, null);
    }

    /** An exception carrying {@code error}, caused by {@code cause}. */
    public AccountingException(SyncError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message()
                + (error.detail() == null ? "" : " (" + error.detail() + ")"), cause);
        this.error = error;
    }

    /** The typed error. */
    public SyncError error() {
        return error;
    }

    /** Shorthand for {@code error().code()}. */
    public ErrorCode code() {
        return error.code();
    }
}
