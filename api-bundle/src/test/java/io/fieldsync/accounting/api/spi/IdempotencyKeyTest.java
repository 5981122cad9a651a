package io.fieldsync.accounting.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    /** QuickBooks Online batch {@code bId}/{@code requestid} limit. */
    private static final int QUICKBOOKS_LIMIT = 36;
    /** Xero {@code Idempotency-Key} header limit. */
    private static final int XERO_LIMIT = 128;

    @Test
    void deriveIsDeterministicForTheSameParts() {
        IdempotencyKey first = IdempotencyKey.derive("acme", "INVOICE", "inv-1", "3");
        IdempotencyKey second = IdempotencyKey.derive("acme", "INVOICE", "inv-1", "3");

        assertThat(first).isEqualTo(second);
        assertThat(first.value()).isEqualTo(second.value());
    }

    @Test
    void deriveDiffersForADifferentRevision() {
        assertThat(IdempotencyKey.derive("acme", "INVOICE", "inv-1", "1"))
                .isNotEqualTo(IdempotencyKey.derive("acme", "INVOICE", "inv-1", "2"));
    }

    @Test
    void deriveDiffersForADifferentCompanyKindOrDocument() {
        IdempotencyKey base = IdempotencyKey.derive("acme", "INVOICE", "inv-1", "1");

        assertThat(IdempotencyKey.derive("other", "INVOICE", "inv-1", "1")).isNotEqualTo(base);
        assertThat(IdempotencyKey.derive("acme", "PAYMENT", "inv-1", "1")).isNotEqualTo(base);
        assertThat(IdempotencyKey.derive("acme", "INVOICE", "inv-2", "1")).isNotEqualTo(base);
    }

    @Test
    void deriveKeepsPartBoundariesSoShiftedPartsDiffer() {
        assertThat(IdempotencyKey.derive("ab", "c")).isNotEqualTo(IdempotencyKey.derive("a", "bc"));
        assertThat(IdempotencyKey.derive("abc")).isNotEqualTo(IdempotencyKey.derive("ab", "c"));
    }

    @Test
    void derivedKeyFitsQuickBooksBatchRequestIdLimit() {
        IdempotencyKey key = IdempotencyKey.derive("a-company-id-that-is-rather-long", "CREDIT_NOTE",
                "x".repeat(128), "2147483647");

        assertThat(key.value()).hasSizeLessThanOrEqualTo(QUICKBOOKS_LIMIT);
        assertThat(IdempotencyKey.MAX_LENGTH).isEqualTo(QUICKBOOKS_LIMIT);
    }

    @Test
    void derivedKeyFitsXeroIdempotencyKeyLimit() {
        assertThat(IdempotencyKey.derive("acme", "PAYMENT", "pay-1", "1").value())
                .hasSizeLessThanOrEqualTo(XERO_LIMIT);
    }

    @Test
    void derivedKeyIsANameBasedUuid() {
        String value = IdempotencyKey.derive("acme", "INVOICE", "inv-1", "1").value();

        UUID uuid = UUID.fromString(value);
        assertThat(uuid.version()).isEqualTo(3);
        assertThat(uuid.toString()).isEqualTo(value);
    }

    @Test
    void keyOfThirtySixCharactersIsAccepted() {
        assertThat(new IdempotencyKey("k".repeat(36))).hasToString("k".repeat(36));
    }

    @Test
    void emptyKeyIsRefused() {
        assertThatThrownBy(() -> new IdempotencyKey(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-36 characters");
    }

    @Test
    void keyLongerThanThirtySixCharactersIsRefused() {
        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(37)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-36 characters");
    }

    @Test
    void nullKeyIsRefused() {
        assertThatThrownBy(() -> new IdempotencyKey(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("idempotency key");
    }

    @Test
    void aNullPartOrAPartHoldingTheSeparatorIsRefusedSoTwoOperationsNeverShareAKey() {
        assertThatThrownBy(() -> IdempotencyKey.derive("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> IdempotencyKey.derive("a\u001fb")).isInstanceOf(IllegalArgumentException.class);
    }
}
