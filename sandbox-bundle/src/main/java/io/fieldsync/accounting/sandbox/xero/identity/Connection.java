package io.fieldsync.accounting.sandbox.xero.identity;

import java.time.Instant;
import java.util.UUID;

/** One organisation a user connected to the app (identity spec, schema Connection). */
public record Connection(UUID id, String clientId, String userId, UUID tenantId, String tenantName, String tenantType,
                         UUID authEventId, Instant created, Instant updated) {
}
