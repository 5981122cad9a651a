package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.wire.QboFaults;

import java.util.Map;

/**
 * {@code POST /batch} (reference/api-facts.md §4): up to 30 items, run in order, each independent: one failing item
 * gets its own Fault and the others still apply; no item sees what an earlier one created (the company's batch
 * horizon). An item is a Query or an operation (create, update, delete; {@code optionsData:"void"} or
 * {@code operation:"void"} voids) on one entity.
 */
final class BatchEndpoint {

    private BatchEndpoint() {
    }

    /** The items of a batch body; a missing or malformed list is a fault of the whole request. */
    static JsonNode items(JsonNode body, int maxItems) {
        JsonNode items = body == null ? null : body.get("BatchItemRequest");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw QboFault.required("BatchItemRequest");
        }
        if (items.size() > maxItems) {
            throw new QboFault("6000", "A business validation error has occurred while processing your request",
                    "Business Validation Error: the batch has " + items.size() + " items; at most " + maxItems
                            + " are allowed", "BatchItemRequest");
        }
        return items;
    }

    /** Whether any item writes (a batch of queries only reads, though it is a POST). */
    static boolean writes(JsonNode items) {
        for (JsonNode item : items) {
            if (!item.has("Query")) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode run(Company company, JsonNode items) {
        ObjectNode response = SandboxJson.object();
        ArrayNode results = response.putArray("BatchItemResponse");
        company.asBatch(() -> {
            for (JsonNode item : items) {
                results.add(runItem(company, item));
            }
            return null;
        });
        return response;
    }

    private static ObjectNode runItem(Company company, JsonNode item) {
        ObjectNode result = SandboxJson.object();
        result.put("bId", item.path("bId").asText(""));
        try {
            if (item.has("Query")) {
                result.set("QueryResponse", QueryRunner.run(company, QueryParser.parse(item.get("Query").asText())));
                return result;
            }
            Map.Entry<String, JsonNode> target = target(item);
            String operation = item.path("operation").asText("create");
            if ("void".equalsIgnoreCase(item.path("optionsData").asText(""))) {
                operation = "void";
            }
            ObjectNode entity = EntityOperations.apply(company, target.getKey(), operation, target.getValue());
            result.set(target.getKey(), entity.deepCopy()); // a later item may change the stored entity
        } catch (QboFault fault) {
            result.set("Fault", QboFaults.fault(fault));
        }
        return result;
    }

    private static Map.Entry<String, JsonNode> target(JsonNode item) {
        for (String entity : EntityOperations.WRITABLE.values()) {
            if (item.has(entity)) {
                return Map.entry(entity, item.get(entity));
            }
        }
        throw QboFault.request("a batch item needs a Query or one of " + EntityOperations.WRITABLE.values());
    }
}
