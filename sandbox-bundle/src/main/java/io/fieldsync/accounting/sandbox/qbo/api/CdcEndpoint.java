package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.QueryString;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.EntityTable;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /cdc?entities=Invoice,Payment&changedSince=<ISO>} (reference/api-facts.md §6): full payloads of what
 * changed since then, deleted entities as {@code {Id, status:"Deleted", MetaData}}; at most 30 days back. The
 * 1,000-object cap of a response is not simulated.
 */
final class CdcEndpoint {

    static final Duration LOOK_BACK = Duration.ofDays(30);

    private CdcEndpoint() {
    }

    static ObjectNode run(Company company, QueryString params) {
        String entities = params.first("entities").orElseThrow(() -> QboFault.required("entities"));
        String since = params.first("changedSince").orElseThrow(() -> QboFault.required("changedSince"));
        Instant changedSince = QboTime.parseInstant(since).orElseThrow(() ->
                QboFault.business("changedSince is not an ISO-8601 date-time: " + since, "changedSince"));
        if (changedSince.isBefore(company.now().minus(LOOK_BACK))) {
            throw QboFault.business("changedSince must be within the last 30 days", "changedSince");
        }
        ArrayNode perEntity = SandboxJson.array();
        for (String requested : entities.split(",")) {
            String name = requested.strip();
            if (name.isEmpty()) {
                continue;
            }
            String entity = QueryRunner.entityName(company, name);
            EntityTable table = company.table(entity).orElseThrow(() -> QboFault.unsupported("cdc of " + entity));
            ArrayNode changed = SandboxJson.array();
            for (List<ObjectNode> rows : List.of(table.all(), table.tombstones())) {
                for (ObjectNode row : rows) {
                    String updated = row.path("MetaData").path("LastUpdatedTime").asText("");
                    if (QboTime.parseInstant(updated).map(t -> !t.isBefore(changedSince)).orElse(false)) {
                        changed.add(row);
                    }
                }
            }
            ObjectNode response = perEntity.addObject();
            if (!changed.isEmpty()) {
                response.set(entity, changed);
                response.put("startPosition", 1);
                response.put("maxResults", changed.size());
            }
        }
        ObjectNode body = SandboxJson.object();
        body.putArray("CDCResponse").addObject().set("QueryResponse", perEntity);
        return body;
    }
}
