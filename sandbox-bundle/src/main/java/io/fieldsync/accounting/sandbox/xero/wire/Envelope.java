package io.fieldsync.accounting.sandbox.xero.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.time.Instant;
import java.util.UUID;

/**
 * The wrapper around every Accounting API collection: {@code Id}, {@code Status}, {@code ProviderName} (the app's
 * name) and {@code DateTimeUTC}, then optional {@code pagination}, then the collection. The first four are sent by
 * Xero but not declared in its OpenAPI schemas (STACK.md trap 9).
 */
public final class Envelope {

    private Envelope() {
    }

    public static ObjectNode of(String providerName, Instant now, String collection, ArrayNode items) {
        return of(providerName, now, collection, items, null);
    }

    public static ObjectNode of(String providerName, Instant now, String collection, ArrayNode items, ObjectNode pagination) {
        ObjectNode body = SandboxJson.object();
        body.put("Id", UUID.randomUUID().toString());
        body.put("Status", "OK");
        body.put("ProviderName", providerName);
        body.put("DateTimeUTC", XeroDates.msTimestamp(now));
        if (pagination != null) {
            body.set("pagination", pagination);
        }
        body.set(collection, items);
        return body;
    }
}
