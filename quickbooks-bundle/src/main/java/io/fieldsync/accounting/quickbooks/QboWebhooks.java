package io.fieldsync.accounting.quickbooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.ProviderWebhooks;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickBooks webhooks (api-facts §7.2): {@code intuit-signature} is the Base64 HMAC-SHA256 of the raw body with
 * the app's verifier token, compared in constant time. Bodies come as CloudEvents (a JSON array, mandatory for
 * apps since 2026, one delivery may span several realms) or in the legacy {@code eventNotifications} shape;
 * both become the same events, named as the engine knows them: resource {@code INVOICE}, {@code PAYMENT},
 * {@code CREDITMEMO}, {@code CUSTOMER}...; event {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code VOID}...
 *
 * <p>Events are read one by one: one that lacks what the engine acts on (realm, entity, id, action) is left out and
 * logged with the reason, and the others are kept; a legacy notification without its realm costs only its own
 * entities. Intuit asks receivers never to fail a delivery for one event's sake, since a failed delivery is retried
 * whole and holds back the later ones (api-facts §7.2). An unreadable time costs only the time.
 */
final class QboWebhooks implements ProviderWebhooks {

    static final String SIGNATURE_HEADER = "intuit-signature";
    private static final Logger LOG = LoggerFactory.getLogger(QboWebhooks.class);
    /** Legacy {@code lastUpdated} comes as {@code 2015-10-05T14:42:19-0700}: an offset without a colon. */
    private static final DateTimeFormatter LEGACY_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd().toFormatter(Locale.ROOT);

    private final String verifierToken;
    private final QboSettlementEvents settlementEvents;

    /**
     * @param verifierToken the app's webhook verifier token, or null when none is configured (then nothing verifies)
     * @param settlementEvents what payment and credit memo events mean for the invoices they settle
     */
    QboWebhooks(String verifierToken, QboSettlementEvents settlementEvents) {
        this.verifierToken = verifierToken;
        this.settlementEvents = settlementEvents;
    }

    @Override
    public Optional<String> signatureHeader() {
        return Optional.of(SIGNATURE_HEADER);
    }

    @Override
    public boolean verify(WebhookDelivery delivery) {
        return verify(delivery, verifierToken);
    }

    @Override
    public List<String> invoicesAffectedBy(ProviderSession session, List<RemoteEvent> events) {
        return settlementEvents.invoices(session, events);
    }

    static boolean verify(WebhookDelivery delivery, String verifierToken) {
        Optional<String> signature = delivery.header(SIGNATURE_HEADER);
        if (verifierToken == null || verifierToken.isEmpty() || signature.isEmpty()) {
            return false;
        }
        byte[] expected = sign(delivery.body(), verifierToken).getBytes(StandardCharsets.US_ASCII);
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
            root = QuickBooksApi.JSON.readTree(delivery.body());
        } catch (IOException e) {
            throw malformed("the body is not JSON");
        }
        if (root != null && root.isArray()) {
            return cloudEvents(root);
        }
        if (root != null && root.path("eventNotifications").isArray()) {
            return legacy(root.path("eventNotifications"));
        }
        throw malformed("the body is neither a CloudEvents array nor an eventNotifications object");
    }

    /** {@code type} {@code qbo.<entity>.<action>.v1}, realm in {@code intuitaccountid}, entity id in {@code intuitentityid}. */
    private static List<RemoteEvent> cloudEvents(JsonNode array) {
        List<RemoteEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode event : array) {
            index++;
            String type = text(event.path("type"));
            String realm = text(event.path("intuitaccountid"));
            String entity = text(event.path("intuitentityid"));
            String[] parts = type.split("\\.");
            if (parts.length < 3 || !"qbo".equals(parts[0]) || parts[1].isBlank() || parts[2].isBlank() || realm.isEmpty() || entity.isEmpty()) {
                LOG.warn("Left out event {} of a QuickBooks webhook: it lacks a qbo.<entity>.<action> type, intuitaccountid or intuitentityid",
                        index);
                continue;
            }
            events.add(new RemoteEvent(realm, resourceType(parts[1]), entity, eventType(parts[2]), time(event.path("time"), index),
                    parts[1], parts[2]));
        }
        return events;
    }

    private static List<RemoteEvent> legacy(JsonNode notifications) {
        List<RemoteEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode notification : notifications) {
            index++;
            String realm = text(notification.path("realmId"));
            JsonNode entities = notification.path("dataChangeEvent").path("entities");
            if (realm.isEmpty() || !entities.isArray()) {
                LOG.warn("Left out notification {} of a QuickBooks webhook: it lacks realmId or dataChangeEvent.entities", index);
                continue;
            }
            int position = 0;
            for (JsonNode entity : entities) {
                position++;
                String name = text(entity.path("name"));
                String id = text(entity.path("id"));
                String operation = text(entity.path("operation"));
                if (name.isEmpty() || id.isEmpty() || operation.isEmpty()) {
                    LOG.warn("Left out entity {} of notification {} of a QuickBooks webhook: it lacks name, id or operation", position, index);
                    continue;
                }
                events.add(new RemoteEvent(realm, resourceType(name), id, eventType(operation),
                        time(entity.path("lastUpdated"), index), name, operation));
            }
        }
        return events;
    }

    /** A scalar's text (ids may come as numbers), or "" for anything else. */
    private static String text(JsonNode value) {
        return value.isTextual() || value.isNumber() ? value.asText().strip() : "";
    }

    /**
     * The entity: legacy {@code name} ({@code Invoice}, {@code Payment}, {@code CreditMemo}, {@code Customer}; Intuit's
     * "Managing webhooks notifications" entity table, api-facts §7.2) and the CloudEvents {@code type}'s second part, the
     * same entity in lower case ({@code qbo.invoice.updated.v1}, Intuit's CloudEvents sample). Others (Account, Item,
     * Estimate, ...) are OTHER, with Intuit's word kept on the event.
     */
    static RemoteResourceType resourceType(String entity) {
        return switch (entity.toUpperCase(Locale.ROOT)) {
            case "INVOICE" -> RemoteResourceType.INVOICE;
            case "CUSTOMER" -> RemoteResourceType.CONTACT;
            case "CREDITMEMO" -> RemoteResourceType.CREDIT_NOTE;
            case "PAYMENT" -> RemoteResourceType.PAYMENT;
            default -> RemoteResourceType.OTHER;
        };
    }

    /**
     * CloudEvents past tenses and legacy verbs alike (legacy {@code operation}: Create, Update, Delete, Merge, Void,
     * Emailed; api-facts §7.2): {@code created} and {@code Create} are CREATE. Emailed and anything newer are OTHER.
     */
    static RemoteEventType eventType(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "CREATE", "CREATED" -> RemoteEventType.CREATE;
            case "UPDATE", "UPDATED" -> RemoteEventType.UPDATE;
            case "DELETE", "DELETED" -> RemoteEventType.DELETE;
            case "VOID", "VOIDED" -> RemoteEventType.VOID;
            case "MERGE", "MERGED" -> RemoteEventType.MERGE;
            default -> RemoteEventType.OTHER;
        };
    }

    /** When it happened, or the epoch when the time cannot be read: the engine reads the entity anyway. */
    private static Instant time(JsonNode value, int index) {
        String text = value.isTextual() ? value.asText().strip() : "";
        if (text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(text, LEGACY_TIME).toInstant();
        } catch (DateTimeParseException isoInstead) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException unreadable) {
                LOG.warn("Event {} of a QuickBooks webhook has an unreadable time; it is kept without it", index);
                return Instant.EPOCH;
            }
        }
    }

    private static AccountingException malformed(String why) {
        return new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED, "A QuickBooks webhook was malformed: " + why + ".", null));
    }
}
