package io.fieldsync.accounting.api;

import java.util.Objects;

/**
 * The host's tenant: one company of the field-service platform. Every document, connection and
 * mapping belongs to exactly one company, so connecting one company never touches another.
 *
 * @param value the host's identifier, 1 to 64 characters, no surrounding blanks
 */
public record CompanyId(String value) {

    /** Validates the identifier. */
    public CompanyId {
        Objects.requireNonNull(value, "company id");
        if (value.isBlank() || value.length() > 64 || !value.equals(value.strip())) {
            throw new IllegalArgumentException("company id must be 1-64 characters without surrounding blanks: '" + value + "'");
        }
    }

    /** Shorthand for {@code new CompanyId(value)}. */
    public static CompanyId of(String value) {
        return new CompanyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
