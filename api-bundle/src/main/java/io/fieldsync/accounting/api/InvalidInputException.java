package io.fieldsync.accounting.api;

import java.util.Objects;

/**
 * A value was refused at the door, before anything was stored: a host document that no accounting system
 * we ship would take, or an authorisation callback that cannot complete a connection. The
 * {@link #field() field} names where the value sits (for a document, a path such as
 * {@code invoice.lines[2].description}), so a developer can point the user at it.
 */
public class InvalidInputException extends AccountingException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** {@link ErrorCode#INVALID_INPUT}: {@code field} breaks {@code rule} (e.g. "is longer than 255 characters"). */
    public InvalidInputException(String field, String rule) {
        this(ErrorCode.INVALID_INPUT, field, rule);
    }

    /** {@code code} about {@code field}, which breaks {@code rule}. */
    public InvalidInputException(ErrorCode code, String field, String rule) {
        super(SyncError.of(code, Objects.requireNonNull(field, "field") + " " + Objects.requireNonNull(rule, "rule")));
        this.field = field;
    }

    /** Where the refused value sits, e.g. {@code payment.currency} or {@code state}. */
    public String field() {
        return field;
    }
}
