package io.fieldsync.accounting.api;

import java.util.Objects;

/**
 * A typed error on one document.
 *
 * @param code what kind of error
 * @param message the admin's words: what is wrong and where to fix it
 * @param detail the accounting system's own words (validation messages), or null; never secrets or tokens
 */
public record SyncError(ErrorCode code, String message, String detail) {

    /** Validates the parts. */
    public SyncError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The error {@code code} about {@code subject}, worded by {@link ErrorCode#message(String)}. */
    public static SyncError of(ErrorCode code, String subject) {
        return new SyncError(code, code.message(subject), null);
    }

    /** The same error with the accounting system's words attached. */
    public SyncError withDetail(String vendorWords) {
        return new SyncError(code, message, vendorWords);
    }
}
