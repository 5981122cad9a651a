package io.fieldsync.accounting.xero.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One entry of {@code GET /connections} (identity API, camelCase). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroConnection(String id, String authEventId, String tenantId, String tenantType, String tenantName) {
}
