package io.fieldsync.accounting.xero;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ProviderWebhooks;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Xero webhooks: {@code x-xero-signature} is the Base64 HMAC-SHA256 of the raw body with the app's
 * webhook key (Xero, "Configuring your server"), compared in constant time. Intent-to-receive
 * deliveries carry no events and are answered like any other: 200 when signed right, 401 when not.
 *
 * <p>Events are read one by one: one that lacks what the engine acts on (tenant, category, resource id, type; ids are
 * UUIDs in Xero's webhooks spec, xero-webhooks.yaml) is left out and logged with the reason, and the others are kept.
 * An unreadable {@code eventDateUtc} costs only the time: events are thin, the engine reads the resource anyway.
 */
final class XeroWebhooks implements ProviderWebhooks {

    static final String SIGNATURE_HEADER = "x-xero-signature";
    private static final Logger LOG = LoggerFactory.getLogger(XeroWebhooks.class);
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectMapper json;
    private final String webhookKey;

    /** @param webhookKey the app's webhook signing key, or null when none is configured (then nothing verifies) */
    XeroWebhooks(ObjectMapper json, String webhookKey) {
        this.json = json;
        this.webhookKey = webhookKey;
    }

    @Override
    public Optional<String> signatureHeader() {
        return Optional.of(SIGNATURE_HEADER);
    }

    @Override
    public boolean verify(WebhookDelivery delivery) {
        return verify(delivery, webhookKey);
    }

    static boolean verify(WebhookDelivery delivery, String webhookKey) {
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

    @Override
    public List<RemoteEvent> parse(WebhookDelivery delivery) {
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
        int index = 0;
        for (JsonNode event : root.path("events")) {
            index++;
            Optional<String> problem = problem(event);
            if (problem.isPresent()) {
                LOG.warn("Left out event {} of a Xero webhook: {}", index, problem.get());
                continue;
            }
            String category = event.path("eventCategory").asText().strip();
            String type = event.path("eventType").asText().strip();
            events.add(new RemoteEvent(event.path("tenantId").asText(), resourceType(category), event.path("resourceId").asText(),
                    eventType(type), time(event.path("eventDateUtc"), index), category, type));
        }
        return events;
    }

    /**
     * Xero's {@code eventCategory}: INVOICE, CONTACT, CREDITNOTE, SUBSCRIPTION (Xero webhooks spec, xero-webhooks.yaml;
     * "Configuring your server"; api-facts §7.1). Anything else is kept as OTHER with Xero's word.
     */
    static RemoteResourceType resourceType(String category) {
        return switch (category.toUpperCase(Locale.ROOT)) {
            case "INVOICE" -> RemoteResourceType.INVOICE;
            case "CONTACT" -> RemoteResourceType.CONTACT;
            case "CREDITNOTE" -> RemoteResourceType.CREDIT_NOTE;
            default -> RemoteResourceType.OTHER;
        };
    }

    /** Xero's {@code eventType}: CREATE or UPDATE (an archive is an UPDATE; same sources). */
    static RemoteEventType eventType(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "CREATE" -> RemoteEventType.CREATE;
            case "UPDATE" -> RemoteEventType.UPDATE;
            default -> RemoteEventType.OTHER;
        };
    }

    /** Why the engine cannot act on an event, if it cannot. */
    private static Optional<String> problem(JsonNode event) {
        if (!event.isObject()) {
            return Optional.of("it is not an object");
        }
        for (String field : List.of("tenantId", "eventCategory", "resourceId", "eventType")) {
            JsonNode value = event.path(field);
            if (!value.isTextual() || value.asText().isBlank()) {
                return Optional.of("it has no " + field);
            }
        }
        for (String id : List.of("tenantId", "resourceId")) {
            if (!UUID.matcher(event.path(id).asText()).matches()) {
                return Optional.of("its " + id + " is not a UUID");
            }
        }
        return Optional.empty();
    }

    /** When it happened, or the epoch when Xero's time cannot be read: the engine does not act on it. */
    private static Instant time(JsonNode value, int index) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return XeroDates.instant(value.asText());
        } catch (RuntimeException unreadable) {
            LOG.warn("Event {} of a Xero webhook has an unreadable eventDateUtc; it is kept without its time", index);
            return Instant.EPOCH;
        }
    }

    private static AccountingException malformed(String why) {
        return new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED, "A Xero webhook was malformed: " + why + ".", null));
    }
}
