package io.fieldsync.accounting.api.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The key that makes a resend of the same request harmless: Xero's {@code Idempotency-Key} header
 * (up to 128 characters), QuickBooks' {@code requestid} (up to 36 characters in a batch). The engine
 * derives it from the journal entry, so it is the same for every attempt of one document revision and
 * different for every other.
 *
 * @param value 1 to 36 characters, so that it fits every accounting system
 */
public record IdempotencyKey(String value) {

    /** The longest key, QuickBooks' batch {@code requestid} limit. */
    public static final int MAX_LENGTH = 36;

    /** Validates the length. */
    public IdempotencyKey {
        Objects.requireNonNull(value, "idempotency key");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("idempotency key must be 1-" + MAX_LENGTH + " characters: " + value);
        }
    }

    /**
     * A key derived deterministically (name-based UUID) from the parts that identify one operation.
     *
     * @throws NullPointerException for a null part
     * @throws IllegalArgumentException for a part containing the separator U+001F, which would make two
     *                                  different part lists give the same key
     */
    public static IdempotencyKey derive(String... parts) {
        for (String part : parts) {
            Objects.requireNonNull(part, "idempotency key part");
            if (part.indexOf('\u001f') >= 0) {
                throw new IllegalArgumentException("idempotency key parts must not contain U+001F");
            }
        }
        return new IdempotencyKey(UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
