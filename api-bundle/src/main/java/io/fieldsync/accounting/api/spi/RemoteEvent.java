package io.fieldsync.accounting.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One change the accounting system announced by webhook. Events are thin: the engine fetches the resource.
 *
 * @param tenantId the organisation it happened in
 * @param resourceType what changed
 * @param resourceId the remote id of what changed
 * @param eventType what happened to it
 * @param occurredAt when it happened
 * @param vendorResourceType the vendor's own word for the resource ({@code INVOICE}, {@code CreditMemo}, ...), so that
 *                           nothing is lost when it is {@link RemoteResourceType#OTHER}
 * @param vendorEventType the vendor's own word for what happened ({@code UPDATE}, {@code Emailed}, ...)
 */
public record RemoteEvent(String tenantId, RemoteResourceType resourceType, String resourceId, RemoteEventType eventType,
                          Instant occurredAt, String vendorResourceType, String vendorEventType) {

    /** An event whose vendor words are the constants' names. */
    public RemoteEvent(String tenantId, RemoteResourceType resourceType, String resourceId, RemoteEventType eventType, Instant occurredAt) {
        this(tenantId, resourceType, resourceId, eventType, occurredAt, resourceType.name(), eventType.name());
    }

    /** Validates the parts. */
    public RemoteEvent {
        Objects.requireNonNull(tenantId, "tenant id");
        Objects.requireNonNull(resourceType, "resource type");
        Objects.requireNonNull(resourceId, "resource id");
        Objects.requireNonNull(eventType, "event type");
        Objects.requireNonNull(occurredAt, "occurred at");
        if (vendorResourceType == null || vendorResourceType.isBlank()) {
            throw new IllegalArgumentException("the vendor's resource type is needed");
        }
        if (vendorEventType == null || vendorEventType.isBlank()) {
            throw new IllegalArgumentException("the vendor's event type is needed");
        }
    }
}
