package io.fieldsync.accounting.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One change the accounting system announced by webhook. Events are thin: the engine fetches the resource.
 *
 * @param tenantId the organisation it happened in
 * @param resourceType what changed: {@code INVOICE}, {@code CONTACT}, {@code CREDITNOTE}, {@code PAYMENT}, ...
 * @param resourceId the remote id of what changed
 * @param eventType {@code CREATE}, {@code UPDATE}, {@code DELETE}, ...
 * @param occurredAt when it happened
 */
public record RemoteEvent(String tenantId, String resourceType, String resourceId, String eventType, Instant occurredAt) {

    /** Validates the parts. */
    public RemoteEvent {
        Objects.requireNonNull(tenantId, "tenant id");
        Objects.requireNonNull(resourceType, "resource type");
        Objects.requireNonNull(resourceId, "resource id");
        Objects.requireNonNull(eventType, "event type");
        Objects.requireNonNull(occurredAt, "occurred at");
    }
}
