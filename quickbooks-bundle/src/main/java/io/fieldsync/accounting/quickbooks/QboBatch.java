package io.fieldsync.accounting.quickbooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;

/**
 * {@code POST /batch}: up to {@value #MAX_ITEMS} operations or queries in one HTTP call (api-facts §4). Larger
 * lists are split. A chunk of writes carries a {@code requestid} derived from the idempotency keys of its
 * documents and the purpose of the call, so the same chunk sent again after a lost answer is replayed by QBO,
 * never applied twice, while the memo creation and the memo application of the same documents stay distinct.
 * Items cannot see each other's results, so dependent work goes in the next call.
 */
final class QboBatch {

    /** Intuit's limit per batch request; more is refused as a whole. */
    static final int MAX_ITEMS = 30;

    private final QuickBooksApi api;

    QboBatch(QuickBooksApi api) {
        this.api = api;
    }

    /**
     * One operation or query.
     *
     * @param operation create, update, delete, or null for a query
     * @param entity the entity name (Invoice, Payment...), or null for a query
     * @param body the entity, or the query statement
     * @param key the idempotency key of the document it writes, or null for a query
     * @param document the document it concerns, or null
     */
    record Item(String operation, String entity, Object body, IdempotencyKey key, DocumentRef document) {

        static Item create(String entity, Object body, IdempotencyKey key, DocumentRef document) {
            return new Item("create", entity, body, Objects.requireNonNull(key, "key"), document);
        }

        static Item update(String entity, Object body, IdempotencyKey key, DocumentRef document) {
            return new Item("update", entity, body, Objects.requireNonNull(key, "key"), document);
        }

        static Item delete(String entity, Object body, IdempotencyKey key, DocumentRef document) {
            return new Item("delete", entity, body, Objects.requireNonNull(key, "key"), document);
        }

        static Item query(String statement) {
            return new Item(null, null, statement, null, null);
        }
    }

    /**
     * What QuickBooks said about one item: its entity or query answer, its fault, or why nothing is known.
     *
     * @param node the answered entity (or {@code QueryResponse}), or null
     * @param fault the item's fault, or null
     * @param unknown why the outcome is unknown (answer lost, or the chunk was never sent), or null
     * @param sent false when the item's chunk was never sent (a limit was hit on an earlier chunk)
     */
    record Answer(JsonNode node, QboFault fault, String unknown, boolean sent) {

        boolean ok() {
            return node != null && fault == null && unknown == null;
        }
    }

    /** The answers, one per item, in item order. */
    List<Answer> run(ProviderSession session, String purpose, List<Item> items) {
        List<Answer> answers = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += MAX_ITEMS) {
            List<Item> chunk = items.subList(from, Math.min(items.size(), from + MAX_ITEMS));
            try {
                answers.addAll(chunk(session, purpose, chunk));
            } catch (OutcomeUnknownException lost) {
                chunk.forEach(item -> answers.add(new Answer(null, null, lost.getMessage(), true)));
            } catch (AccountingException refused) {
                if (from == 0) {
                    throw refused;
                }
                // earlier chunks are done and must keep their outcomes; the rest waits, checked before it is sent
                String why = "not sent: " + refused.getMessage();
                items.subList(from, items.size()).forEach(item -> answers.add(new Answer(null, null, why, false)));
                return answers;
            }
        }
        return answers;
    }

    /** Several queries in one call: the {@code QueryResponse} of each, in order. */
    List<JsonNode> queries(ProviderSession session, List<String> statements) {
        return run(session, "query", statements.stream().map(Item::query).toList()).stream()
                .map(answer -> {
                    if (answer.fault() != null) {
                        throw new AccountingException(QboFaults.forDocument(answer.fault(), "a QuickBooks query"));
                    }
                    return answer.node() == null ? QuickBooksApi.JSON.createObjectNode() : answer.node();
                })
                .toList();
    }

    /** What a chunk carries, for the sync log: "create Invoice ×30", "query ×5", "create Payment ×2, update Invoice ×1". */
    static String contents(List<Item> chunk) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        chunk.forEach(item -> counts.merge(item.operation() == null ? "query" : item.operation() + " " + item.entity(), 1, Integer::sum));
        return counts.entrySet().stream().map(entry -> entry.getKey() + " ×" + entry.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The {@code requestid} of a chunk of writes: a name-based UUID, 36 characters, QBO's batch limit. It covers the
     * documents' keys in their order and the request itself (every item's operation and body, its position being its
     * {@code bId}): QBO replays the whole stored answer of a requestid whatever the new request holds (api-facts §6),
     * so two requests may share one only when they are the same request, item for item. A chunk made of other items,
     * the same items in another order, or an item whose body was built from other remote facts (a customer, a
     * balance, a SyncToken read since) gets its own id and is answered for what it carries.
     */
    static String requestId(String purpose, List<Item> chunk) {
        List<String> keys = chunk.stream().map(Item::key).filter(Objects::nonNull).map(IdempotencyKey::value).toList();
        if (keys.isEmpty()) {
            return null;
        }
        return IdempotencyKey.derive(Stream.concat(Stream.concat(Stream.of("quickbooks", purpose), keys.stream()),
                Stream.of(digest(chunk))).toArray(String[]::new)).value();
    }

    /**
     * Every page of each query (QBO answers at most {@value QuickBooksApi#MAX_RESULTS} rows a page, api-facts §3.2):
     * one batch call per round, each round asking for the next page of the queries whose last page was full. The
     * statements carry no {@code startposition} or {@code maxresults}; the answer of each is one {@code QueryResponse}
     * holding the rows of all its pages.
     */
    List<JsonNode> queryAll(ProviderSession session, List<String> statements) {
        List<ObjectNode> merged = new ArrayList<>();
        statements.forEach(statement -> merged.add(QuickBooksApi.JSON.createObjectNode()));
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            open.add(i);
        }
        int start = 1;
        while (!open.isEmpty()) {
            int from = start;
            List<JsonNode> pages = queries(session, open.stream().map(i -> statements.get(i) + " startposition " + from
                    + " maxresults " + QuickBooksApi.MAX_RESULTS).toList());
            List<Integer> full = new ArrayList<>();
            for (int p = 0; p < pages.size(); p++) {
                int rows = 0;
                for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) pages.get(p)::fields) {
                    if (field.getValue().isArray()) {
                        ArrayNode into = merged.get(open.get(p)).withArray(field.getKey());
                        field.getValue().forEach(into::add);
                        rows = Math.max(rows, field.getValue().size());
                    }
                }
                if (rows >= QuickBooksApi.MAX_RESULTS) {
                    full.add(open.get(p));
                }
            }
            open = full;
            start += QuickBooksApi.MAX_RESULTS;
        }
        return List.copyOf(merged);
    }

    private static String digest(List<Item> chunk) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Item item : chunk) {
                sha.update((item.operation() + "\u001f" + item.entity() + "\u001f" + QuickBooksApi.text(item.body()) + "\u001e")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private List<Answer> chunk(ProviderSession session, String purpose, List<Item> chunk) {
        ObjectNode body = QuickBooksApi.JSON.createObjectNode();
        ArrayNode requests = body.putArray("BatchItemRequest");
        for (int i = 0; i < chunk.size(); i++) {
            Item item = chunk.get(i);
            ObjectNode request = requests.addObject().put("bId", Integer.toString(i + 1));
            if (item.operation() == null) {
                request.put("Query", (String) item.body());
            } else {
                request.put("operation", item.operation());
                request.set(item.entity(), QuickBooksApi.JSON.valueToTree(item.body()));
            }
        }
        String requestId = requestId(purpose, chunk);
        boolean write = requestId != null;
        DocumentRef document = chunk.size() == 1 ? chunk.get(0).document() : null;
        JsonNode answer = api.post(session, "/batch", body, requestId, write, document, contents(chunk));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode response : answer.path("BatchItemResponse")) {
            byId.put(response.path("bId").asText(), response);
        }
        List<Answer> answers = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Item item = chunk.get(i);
            JsonNode response = byId.get(Integer.toString(i + 1));
            if (response == null) {
                answers.add(new Answer(null, null, "QuickBooks' batch answer had no item " + (i + 1), true));
                continue;
            }
            QboFault fault = QboFault.of(response);
            if (fault != null) {
                answers.add(new Answer(null, fault, null, true));
            } else if (item.operation() == null) {
                answers.add(new Answer(response.path("QueryResponse"), null, null, true));
            } else {
                JsonNode entity = response.get(item.entity());
                answers.add(entity == null
                        ? new Answer(null, null, "QuickBooks' batch answer had no " + item.entity() + " for item " + (i + 1), true)
                        : new Answer(entity, null, null, true));
            }
        }
        return answers;
    }
}
