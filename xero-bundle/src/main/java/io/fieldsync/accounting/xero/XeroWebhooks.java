package io.fieldsync.accounting.xero;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

/**
 * Xero webhooks: {@code x-xero-signature} is the Base64 HMAC-SHA256 of the raw body with the app's
 * webhook key (Xero, "Configuring your server"), compared in constant time. Intent-to-receive
 * deliveries carry no events and are answered like any other: 200 when signed right, 401 when not.
 */
final class XeroWebhooks {

    static final String SIGNATURE_HEADER = "x-xero-signature";

    private final ObjectMapper json;

    XeroWebhooks(ObjectMapper json) {
        this.json = json;
    }

    boolean verify(WebhookDelivery delivery, String webhookKey) {
        Optional<String> signature = delivery.header(SIGNATURE_HEADER);
        if (webhookKey == null || webhookKey.isEmpty() || signature.isEmpty()) {
            return false;
        }
        byte[] expected = sign(delivery.body(), webhookKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.get().strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** Base64 HMAC-SHA256 of {@code body} with {@code key}. */
    static String sign(byte[] body, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    List<RemoteEvent> parse(WebhookDelivery delivery) {
        JsonNode root;
        try {
            root = json.readTree(delivery.body());
        } catch (java.io.IOException e) {
            throw malformed("the body is not JSON");
        }
        if (root == null || !root.path("events").isArray()) {
            throw malformed("the body has no events array");
        }
        List<RemoteEvent> events = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            String tenant = event.path("tenantId").asText(null);
            String category = event.path("eventCategory").asText(null);
            String resource = event.path("resourceId").asText(null);
            String type = event.path("eventType").asText(null);
            String at = event.path("eventDateUtc").asText(null);
            if (tenant == null || category == null || resource == null || type == null) {
                throw malformed("an event lacks tenantId, eventCategory, resourceId or eventType");
            }
            events.add(new RemoteEvent(tenant, category, resource, type, at == null ? Instant.EPOCH : XeroDates.instant(at)));
        }
        return events;
    }

    private static AccountingException malformed(String why) {
        return new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED, "A Xero webhook was malformed: " + why + ".", null));
    }
}
