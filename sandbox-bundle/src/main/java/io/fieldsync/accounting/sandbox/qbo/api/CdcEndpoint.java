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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /cdc?entities=Invoice,Payment&changedSince=<ISO>} (reference/api-facts.md §6): full payloads of what
 * changed since then, deleted entities as {@code {Id, status:"Deleted", MetaData}}; at most 30 days back.
 * <p>
 * A response holds at most {@value #MAX_OBJECTS} objects, all entities together: "Server responses can handle a
 * maximum of 1,000 objects. We suggest you query for shorter time periods" (Intuit, Change data capture operation,
 * developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/change-data-capture). The rest
 * is left out without a word. Which objects QBO keeps is not documented [U]: here the entities in the order asked,
 * each oldest change first, so a client that takes the newest time it received as its next {@code changedSince}
 * loses nothing only by luck of this order, and one that moves its watermark to the response's time loses the rest.
 */
final class CdcEndpoint {

    static final Duration LOOK_BACK = Duration.ofDays(30);
    static final int MAX_OBJECTS = 1000;

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
        int room = MAX_OBJECTS;
        for (String requested : entities.split(",")) {
            String name = requested.strip();
            if (name.isEmpty()) {
                continue;
            }
            String entity = QueryRunner.entityName(company, name);
            EntityTable table = company.table(entity).orElseThrow(() -> QboFault.unsupported("cdc of " + entity));
            List<ObjectNode> recent = new ArrayList<>();
            for (List<ObjectNode> rows : List.of(table.all(), table.tombstones())) {
                for (ObjectNode row : rows) {
                    if (updated(row).map(t -> !t.isBefore(changedSince)).orElse(false)) {
                        recent.add(row);
                    }
                }
            }
            recent.sort(Comparator.comparing(row -> updated(row).orElse(Instant.EPOCH)));
            ArrayNode changed = SandboxJson.array();
            recent.stream().limit(room).forEach(changed::add);
            room -= changed.size();
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

    private static Optional<Instant> updated(ObjectNode row) {
        return QboTime.parseInstant(row.path("MetaData").path("LastUpdatedTime").asText(""));
    }
}
