package io.fieldsync.accounting.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fieldsync.accounting.api.admin.Organisation;

/** TokenSet masking and WebhookDelivery copying. */
class SecretsAndWebhooksTest {

    private static final String ACCESS = "eyJhbGciOiJSUzI1NiJ9.access-secret";
    private static final String REFRESH = "refresh-secret-6f3c";

    private static TokenSet tokens() {
        return new TokenSet(ACCESS, REFRESH, Instant.parse("2025-03-01T10:30:00Z"), Instant.parse("2025-05-30T10:00:00Z"));
    }

    @Test
    void tokenSetToStringNeverContainsTheTokenValues() {
        String printed = tokens().toString();

        assertThat(printed).doesNotContain(ACCESS).doesNotContain(REFRESH)
                .doesNotContain("access-secret").doesNotContain("refresh-secret")
                .contains("***");
    }

    @Test
    void tokenSetToStringStillShowsTheExpiries() {
        assertThat(tokens().toString()).contains("2025-03-01T10:30:00Z").contains("2025-05-30T10:00:00Z");
    }

    @Test
    void grantToStringDoesNotLeakTokensEither() {
        AuthorizationGrant grant = new AuthorizationGrant(tokens(), List.of(new Organisation("t1", "Acme")));

        assertThat(grant.toString()).doesNotContain(ACCESS).doesNotContain(REFRESH).contains("Acme");
    }

    @Test
    void tokenSetKeepsTheValuesForTheEngine() {
        TokenSet tokens = tokens();

        assertThat(tokens.accessToken()).isEqualTo(ACCESS);
        assertThat(tokens.refreshToken()).isEqualTo(REFRESH);
    }

    @Test
    void tokenSetWithoutTokensOrExpiryIsRefused() {
        Instant expiry = Instant.EPOCH;
        assertThatThrownBy(() -> new TokenSet(null, REFRESH, expiry, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("access token");
        assertThatThrownBy(() -> new TokenSet(ACCESS, null, expiry, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("refresh token");
        assertThatThrownBy(() -> new TokenSet(ACCESS, REFRESH, null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("access token expiry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-xero-signature", "X-Xero-Signature", "X-XERO-SIGNATURE", "x-XeRo-sIgNaTuRe"})
    void headerLookupIgnoresCase(String name) {
        WebhookDelivery delivery = new WebhookDelivery(Map.of("X-Xero-Signature", List.of("sig==")), new byte[0]);

        assertThat(delivery.header(name)).contains("sig==");
    }

    @Test
    void headerGivenInAnyCaseIsFoundInAnyCase() {
        WebhookDelivery delivery = new WebhookDelivery(Map.of("INTUIT-SIGNATURE", List.of("abc")), new byte[0]);

        assertThat(delivery.header("intuit-signature")).contains("abc");
        assertThat(delivery.header("Intuit-Signature")).contains("abc");
    }

    @Test
    void headerLookupGivesTheFirstValue() {
        WebhookDelivery delivery = new WebhookDelivery(Map.of("Accept", List.of("a", "b")), new byte[0]);

        assertThat(delivery.header("accept")).contains("a");
    }

    @Test
    void missingOrEmptyHeaderIsAbsent() {
        WebhookDelivery delivery = new WebhookDelivery(Map.of("X-Empty", List.of()), new byte[0]);

        assertThat(delivery.header("x-empty")).isEmpty();
        assertThat(delivery.header("x-xero-signature")).isEmpty();
    }

    @Test
    void headersAreCopiedSoChangingTheCallersMapDoesNotChangeTheDelivery() {
        Map<String, List<String>> headers = new HashMap<>(Map.of("X-Xero-Signature", List.of("sig==")));
        WebhookDelivery delivery = new WebhookDelivery(headers, new byte[0]);

        headers.put("X-Xero-Signature", List.of("forged"));

        assertThat(delivery.header("x-xero-signature")).contains("sig==");
    }

    @Test
    void nullHeadersAndBodyBecomeEmpty() {
        WebhookDelivery delivery = new WebhookDelivery(null, null);

        assertThat(delivery.headers()).isEmpty();
        assertThat(delivery.body()).isEmpty();
    }

    @Test
    void mutatingTheOriginalBodyDoesNotChangeTheDelivery() {
        byte[] raw = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        WebhookDelivery delivery = new WebhookDelivery(Map.of(), raw);

        raw[0] = 'X';

        assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).isEqualTo("{\"events\":[]}");
    }

    @Test
    void mutatingTheReturnedBodyDoesNotChangeTheDelivery() {
        WebhookDelivery delivery = new WebhookDelivery(Map.of(), "{\"events\":[]}".getBytes(StandardCharsets.UTF_8));

        byte[] returned = delivery.body();
        returned[0] = 'X';

        assertThat(returned).isNotSameAs(delivery.body());
        assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).isEqualTo("{\"events\":[]}");
    }

    @Test
    void bodyBytesArePreservedExactly() {
        byte[] raw = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}', '\r', '\n'};

        assertThat(new WebhookDelivery(Map.of(), raw).body()).containsExactly(raw);
    }

    @Test
    void theHeadersOfADeliveryCannotBeChangedAfterwardsSoASignatureCannotBeSwapped() {
        WebhookDelivery delivery = new WebhookDelivery(Map.of("x-xero-signature", List.of("good")), new byte[] {'{', '}'});

        assertThatThrownBy(() -> delivery.headers().put("x-xero-signature", List.of("forged")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(delivery.header("X-Xero-Signature")).contains("good");
    }

    @Test
    void twoDeliveriesWithTheSameBytesAreEqual() {
        WebhookDelivery one = new WebhookDelivery(Map.of("a", List.of("1")), new byte[] {1, 2});
        WebhookDelivery two = new WebhookDelivery(Map.of("A", List.of("1")), new byte[] {1, 2});

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.toString()).contains("2 bytes");
    }
}
