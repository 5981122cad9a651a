package io.fieldsync.accounting.api;

import java.util.Objects;

/** Checks for the identifiers the host gives its documents; one rule for all of them. */
final class HostIds {

    static final int MAX_LENGTH = 128;

    private HostIds() {
    }

    static String require(String id, String what) {
        Objects.requireNonNull(id, what);
        if (id.isBlank() || id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1-" + MAX_LENGTH + " characters: '" + id + "'");
        }
        return id;
    }

    static String optional(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
