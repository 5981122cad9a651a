package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

class XeroWebhooksTest {

    private static final String KEY = "hp7rVJ3Tf1x6n2Qm0X8aKb+1Cz9Ww4YeLs5Ro2Ug==";
    private static final String CONTACT_UPDATE = """
            {"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Contacts/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777",
            "resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","eventDateUtc":"2024-06-21T01:15:39.902","eventType":"UPDATE",
            "eventCategory":"CONTACT","tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","tenantType":"ORGANISATION"}],
            "lastEventSequence":1,"firstEventSequence":1,"entropy":"S0m3r4Nd0mt3xt"}""";
    private static final String INTENT_TO_RECEIVE = "{\"events\":[],\"lastEventSequence\":0,\"firstEventSequence\":0,\"entropy\":\"S0m3r4Nd0mt3xt\"}";

    private final XeroWebhooks webhooks = new XeroWebhooks(new ObjectMapper(), KEY);

    private static WebhookDelivery delivery(String body, String signature) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new WebhookDelivery(signature == null ? Map.of() : Map.of("X-Xero-Signature", List.of(signature)), bytes);
    }

    @Test
    void aBodySignedWithTheWebhookKeyIsAccepted() {
        String signature = XeroWebhooks.sign(CONTACT_UPDATE.getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(webhooks.verify(delivery(CONTACT_UPDATE, signature), KEY)).isTrue();
    }

    @Test
    void theSignatureIsBase64OfHmacSha256OfTheRawBody() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector
        assertThat(XeroWebhooks.sign("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), "key"))
                .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void aWrongSignatureAMissingOneOrAnotherKeyIsRefused() {
        String signature = XeroWebhooks.sign(CONTACT_UPDATE.getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(webhooks.verify(delivery(CONTACT_UPDATE, "AAAA" + signature.substring(4)), KEY)).isFalse();
        assertThat(webhooks.verify(delivery(CONTACT_UPDATE, null), KEY)).isFalse();
        assertThat(webhooks.verify(delivery(CONTACT_UPDATE, signature), "another-key")).isFalse();
        assertThat(webhooks.verify(delivery(CONTACT_UPDATE, signature), "")).isFalse();
    }

    @Test
    void aBodyChangedByOneByteIsRefused() {
        String signature = XeroWebhooks.sign(CONTACT_UPDATE.getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(webhooks.verify(delivery(CONTACT_UPDATE.replace("UPDATE", "CREATE"), signature), KEY)).isFalse();
    }

    @Test
    void intentToReceiveHasNoEventsAndVerifiesLikeAnyOther() {
        String signature = XeroWebhooks.sign(INTENT_TO_RECEIVE.getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(webhooks.verify(delivery(INTENT_TO_RECEIVE, signature), KEY)).isTrue();
        assertThat(webhooks.parse(delivery(INTENT_TO_RECEIVE, signature))).isEmpty();
    }

    @Test
    void eventsAreParsedWithTenantCategoryResourceTypeAndTime() {
        List<RemoteEvent> events = webhooks.parse(delivery(CONTACT_UPDATE, "unused"));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.tenantId()).isEqualTo("c2cc9b6e-9458-4c7d-93cc-f02b81b0594f");
            assertThat(event.resourceType()).isEqualTo(RemoteResourceType.CONTACT);
            assertThat(event.resourceId()).isEqualTo("717f2bfc-c6d4-41fd-b238-3f2f0c0cf777");
            assertThat(event.eventType()).isEqualTo(RemoteEventType.UPDATE);
            assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-06-21T01:15:39.902Z"));
        });
    }

    @Test
    void aBodyThatIsNotADeliveryIsATypedValidationError() {
        for (String body : List.of("not json", "{\"events\":{}}", "[]", "")) {
            assertThatThrownBy(() -> webhooks.parse(delivery(body, "x"))).as(body)
                    .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    void aMalformedEventIsLeftOutAndTheOtherEventsOfTheDeliveryAreKept() {
        String body = """
                {"events":[%s,
                {"tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","eventCategory":"INVOICE","eventType":"UPDATE"},
                {"tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","eventCategory":"INVOICE","eventType":"UPDATE","resourceId":"x,y"},
                {"tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","eventCategory":{"a":1},"eventType":"UPDATE",
                 "resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777"},
                "not an event",
                %s],"lastEventSequence":6,"firstEventSequence":1,"entropy":"x"}"""
                .formatted(event("INVOICE", "0a5fd1a1-3c1b-4a8e-9e39-4f8d8a8f0a01"), event("CONTACT", "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777"));

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).extracting(RemoteEvent::resourceType, RemoteEvent::resourceId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.INVOICE, "0a5fd1a1-3c1b-4a8e-9e39-4f8d8a8f0a01"),
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.CONTACT, "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777"));
    }

    @Test
    void xerosCategoriesAreTypedAndAnUnknownOneKeepsXerosWord() {
        String body = "{\"events\":[" + event("CREDITNOTE", "0a5fd1a1-3c1b-4a8e-9e39-4f8d8a8f0a01") + ","
                + event("SUBSCRIPTION", "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777").replace("\"UPDATE\"", "\"CANCEL\"")
                + "],\"lastEventSequence\":2,\"firstEventSequence\":1,\"entropy\":\"x\"}";

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).extracting(RemoteEvent::resourceType, RemoteEvent::eventType, RemoteEvent::vendorResourceType,
                RemoteEvent::vendorEventType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.CREDIT_NOTE, RemoteEventType.UPDATE, "CREDITNOTE", "UPDATE"),
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.OTHER, RemoteEventType.OTHER, "SUBSCRIPTION", "CANCEL"));
    }

    @Test
    void anUnreadableEventTimeCostsOnlyTheTimeNotTheEventNorTheDelivery() {
        String body = "{\"events\":[" + event("INVOICE", "0a5fd1a1-3c1b-4a8e-9e39-4f8d8a8f0a01").replace("2024-06-21T01:15:39.902", "2024-13-45T99:99")
                + "," + event("INVOICE", "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777").replace("\"2024-06-21T01:15:39.902\"", "42")
                + "],\"lastEventSequence\":2,\"firstEventSequence\":1,\"entropy\":\"x\"}";

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.occurredAt()).isEqualTo(Instant.EPOCH));
    }

    @Test
    void theProviderNamesItsSignatureHeaderSoTheEngineRefusesUnsignedRequestsUnread() {
        XeroProvider provider = new XeroProvider(new XeroSettings("c", "s", "http://localhost/cb", KEY, XeroConfiguration.GRANULAR_SCOPES,
                "http://localhost/a", "http://localhost/i", "http://localhost/x", java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1)), java.time.Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), java.time.ZoneOffset.UTC));
        try {
            assertThat(provider.webhooks().signatureHeader()).hasValue("x-xero-signature");
        } finally {
            provider.deactivate();
        }
    }

    private static String event(String category, String resourceId) {
        return """
                {"resourceUrl":"https://api.xero.com/api.xro/2.0/Things/%2$s","resourceId":"%2$s","eventDateUtc":"2024-06-21T01:15:39.902",
                "eventType":"UPDATE","eventCategory":"%1$s","tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","tenantType":"ORGANISATION"}"""
                .formatted(category, resourceId);
    }
}
