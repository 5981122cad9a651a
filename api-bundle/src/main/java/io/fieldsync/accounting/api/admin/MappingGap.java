package io.fieldsync.accounting.api.admin;

import java.util.Objects;

import io.fieldsync.accounting.api.ErrorCode;

/**
 * One thing missing or wrong in the mappings.
 *
 * @param code MAPPING_MISSING or TAX_MAPPING_MISSING
 * @param subject what is unmapped, e.g. {@code category Equipment} or {@code tax rate GST}
 * @param message the admin's words: what is wrong and where to fix it
 */
public record MappingGap(ErrorCode code, String subject, String message) {

    /** Validates the parts. */
    public MappingGap {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /** A gap worded by the error code. */
    public static MappingGap of(ErrorCode code, String subject) {
        return new MappingGap(code, subject, code.message(subject));
    }
}
