package io.fieldsync.accounting.sandbox.qbo.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.testing.Exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the requests a QuickBooks Online client sent against Intuit's v3 XSDs in ../shared (never copied into the
 * project), read as QBO's JSON binding reads them (see {@link JsonAgainstXsd}), plus the wire rules the XSDs cannot
 * say: {@code minorversion} on every call, {@code requestid} ≤ 50 characters (≤ 36 on /batch), batches of ≤ 30
 * items with a {@code bId} of ≤ 10 characters, Id + SyncToken on updates, and queries naming a known entity
 * (api-facts §3.2, §4, §6; /work/qbo-agreement.md). Only requests under {@code /v3/company/{realmId}/} are checked;
 * responses are the sandbox's own business and exchanges marked off-contract are skipped.
 * Each violation reads "METHOD path #json-pointer: what is wrong" ({@code ?name} for a query parameter).
 * Active only when the {@code vendor-contract} Maven profile passes the XSD folder as {@value #XSD_DIR}.
 */
public final class QboContractCheck {

    public static final String XSD_DIR = "qbo.xsd.dir";

    /** Max items per batch request [V] Q-BLOG-2023-07, api-facts §4. */
    static final int MAX_BATCH_ITEMS = 30;
    /** requestid ≤ 50 characters, ≤ 36 on a batch, and then bId ≤ 10 [V] Q-BLOG-2015 requestid, api-facts §4, §6. */
    static final int MAX_REQUEST_ID = 50;
    static final int MAX_BATCH_REQUEST_ID = 36;
    static final int MAX_BATCH_ID = 10;
    /** maxresults ≤ 1000 per query page (api-facts §3.2, the agreement's query grammar). */
    static final int MAX_RESULTS = 1000;
    /**
     * DocNumber: the XSD documents "ValidRange: QBO: max=21" (picked up by {@link XsdModel}); if a later XSD drops
     * the annotation, the 21 of api-facts §3.2 still holds.
     */
    static final int MAX_DOC_NUMBER = 21;

    private static final Pattern API_PATH = Pattern.compile("/v3/company/([^/]+)/(.+)");
    private static final Pattern QUERY = Pattern.compile("(?is)\\s*select\\s+.+?\\s+from\\s+(\\w+)(.*)");
    private static final Pattern MAX_RESULTS_CLAUSE = Pattern.compile("(?i)\\bmaxresults\\s+(\\d+)");
    private static final Set<String> ENTITY_OPERATIONS_WITHOUT_BODY = Set.of("delete", "void");
    private static final Set<String> BATCH_QUERIES = Set.of("Query", "ReportQuery", "CDCQuery");
    private static volatile QboContractCheck loaded;

    private final XsdModel model;
    private final JsonAgainstXsd json;
    /** "creditmemo" → "CreditMemo": the path segment of each entity. */
    private final Map<String, String> entityOfPath = new LinkedHashMap<>();

    private QboContractCheck(XsdModel model) {
        this.model = model;
        this.json = new JsonAgainstXsd(model);
        model.entities().keySet().forEach(e -> entityOfPath.put(e.toLowerCase(Locale.ROOT), e));
    }

    /** The check, if the vendor-contract profile is active; the 700 kB of XSDs are read once per JVM. */
    public static Optional<QboContractCheck> ifEnabled() {
        String dir = System.getProperty(XSD_DIR);
        if (dir == null || !Files.isRegularFile(Path.of(dir, "Finance.xsd"))) {
            return Optional.empty();
        }
        if (loaded == null) {
            synchronized (QboContractCheck.class) {
                if (loaded == null) {
                    loaded = new QboContractCheck(XsdModel.load(Path.of(dir)));
                }
            }
        }
        return Optional.of(loaded);
    }

    /** Every violation in the exchanges, one line each; empty when all conform. */
    public List<String> violations(List<Exchange> exchanges) {
        List<String> out = new ArrayList<>();
        exchanges.forEach(x -> out.addAll(violations(x)));
        return out;
    }

    public List<String> violations(Exchange x) {
        Matcher api = API_PATH.matcher(x.uri().getPath());
        if (x.offContract() || !api.matches()) {
            return List.of(); // OAuth, revocation, webhooks: no XSD describes them
        }
        String[] segments = api.group(2).split("/");
        Map<String, String> params = params(x.uri().getRawQuery());
        boolean batch = x.method().equals("POST") && segments.length == 1 && segments[0].equals("batch");
        List<String> found = new ArrayList<>(queryParameters(params, batch));
        switch (x.method()) {
            case "GET" -> found.addAll(read(segments, params));
            case "POST" -> found.addAll(write(segments, params, x.requestBody(), batch));
            default -> found.add("#: QBO's v3 API takes GET and POST only");
        }
        String where = x.method() + " " + x.uri().getPath() + " ";
        return found.stream().map(v -> where + v).toList();
    }

    private static List<String> queryParameters(Map<String, String> params, boolean batch) {
        List<String> out = new ArrayList<>();
        String minor = params.get("minorversion");
        if (minor == null) {
            out.add("?minorversion: missing (every call pins the minor version, e.g. minorversion=75)");
        } else if (!minor.matches("\\d+")) {
            out.add("?minorversion: \"" + minor + "\" is not a number");
        }
        String requestId = params.get("requestid");
        int limit = batch ? MAX_BATCH_REQUEST_ID : MAX_REQUEST_ID;
        if (requestId != null && (requestId.isEmpty() || requestId.length() > limit)) {
            out.add("?requestid: " + requestId.length() + " characters, QBO allows 1.." + limit + (batch ? " on /batch" : ""));
        }
        return out;
    }

    private List<String> read(String[] segments, Map<String, String> params) {
        List<String> out = new ArrayList<>();
        switch (segments[0]) {
            case "query" -> {
                String query = params.get("query");
                if (query == null) {
                    out.add("?query: missing");
                } else {
                    query(query, "?query", out);
                }
            }
            case "cdc" -> {
                String entities = params.getOrDefault("entities", "");
                for (String entity : entities.split(",")) {
                    if (!model.entities().containsKey(entity.trim())) {
                        out.add("?entities: \"" + entity.trim() + "\" is not a QBO entity");
                    }
                }
                if (!params.containsKey("changedSince")) {
                    out.add("?changedSince: missing");
                }
            }
            default -> {
                if (!entityOfPath.containsKey(segments[0]) || segments.length != 2) {
                    out.add("#: not a QBO read (GET /query, /cdc or /<entity>/<id>)");
                }
            }
        }
        return out;
    }

    private List<String> write(String[] segments, Map<String, String> params, String body, boolean batch) {
        List<String> out = new ArrayList<>();
        String entity = segments.length == 1 ? entityOfPath.get(segments[0]) : null;
        if (!batch && entity == null) {
            out.add("#: not a QBO write (POST /<entity> or /batch)");
            return out;
        }
        JsonNode root;
        try {
            root = SandboxJson.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            out.add("#: the body is not JSON (" + e.getOriginalMessage() + ")");
            return out;
        }
        if (root == null || root.isMissingNode()) {
            out.add("#: no body");
        } else if (batch) {
            batch(root, out);
        } else {
            String operation = params.get("operation");
            if (operation != null && !operationValues().contains(operation)) {
                out.add("?operation: \"" + operation + "\" is not one of OperationEnum " + operationValues());
            }
            entity(entity, root, operation, "#", out);
        }
        return out;
    }

    /** One entity body. A sparse update or a void/delete body is checked for what it sends only. */
    private void entity(String entity, JsonNode body, String operation, String pointer, List<String> out) {
        if (!body.isObject()) {
            out.add(pointer + ": the " + entity + " must be a JSON object");
            return;
        }
        boolean partial = body.path("sparse").asBoolean(false)
                || operation != null && ENTITY_OPERATIONS_WITHOUT_BODY.contains(operation);
        updateRules(entity, body, operation, pointer, out);
        out.addAll(json.check(body, model.entities().get(entity), pointer, !partial));
        JsonNode docNumber = body.get("DocNumber");
        boolean documented = model.complexType(model.entities().get(entity))
                .map(t -> t.fields().get("DocNumber")).map(f -> f.rangeMax() != null).orElse(true);
        if (!documented && docNumber != null && docNumber.isTextual() && docNumber.asText().length() > MAX_DOC_NUMBER) {
            out.add(pointer + "/DocNumber: " + docNumber.asText().length() + " characters, QBO allows " + MAX_DOC_NUMBER);
        }
    }

    /**
     * Every update (full, sparse, void, delete) needs Id and SyncToken, or QBO answers 610/5010 (api-facts §3.2,
     * §6); a create has neither.
     */
    private static void updateRules(String entity, JsonNode body, String operation, String pointer, List<String> out) {
        if (!body.isObject()) {
            return;
        }
        boolean sparse = body.path("sparse").asBoolean(false);
        boolean bodyless = operation != null && ENTITY_OPERATIONS_WITHOUT_BODY.contains(operation);
        if (sparse || bodyless || body.has("Id") || "update".equals(operation)) {
            String kind = bodyless ? " (" + operation + ")" : sparse ? " (sparse)" : "";
            for (String key : List.of("Id", "SyncToken")) {
                if (!body.has(key)) {
                    out.add(pointer + "/" + key + ": missing, an update" + kind + " of " + entity + " needs Id and SyncToken");
                }
            }
        }
    }

    /** {"BatchItemRequest":[…]}: the XSD's IntuitBatchRequest, plus QBO's batch rules per item. */
    private void batch(JsonNode body, List<String> out) {
        out.addAll(json.check(body, "IntuitBatchRequest", "#", true));
        JsonNode items = body.path("BatchItemRequest");
        if (!items.isArray()) {
            return;
        }
        if (items.size() > MAX_BATCH_ITEMS) {
            out.add("#/BatchItemRequest: " + items.size() + " items, QBO takes at most " + MAX_BATCH_ITEMS + " per batch");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "#/BatchItemRequest/" + i;
            if (!item.isObject()) {
                continue; // already reported by the XSD check
            }
            JsonNode bId = item.get("bId");
            if (bId == null) {
                out.add(at + "/bId: missing (QBO matches each BatchItemResponse to its request by bId)");
            } else if (bId.isTextual() && (bId.asText().isEmpty() || bId.asText().length() > MAX_BATCH_ID)) {
                out.add(at + "/bId: " + bId.asText().length() + " characters, QBO allows 1.." + MAX_BATCH_ID);
            } else if (bId.isTextual() && !ids.add(bId.asText())) {
                out.add(at + "/bId: \"" + bId.asText() + "\" twice in one batch, so the responses cannot be told apart");
            }
            batchItem(item, at, out);
        }
    }

    private void batchItem(JsonNode item, String at, List<String> out) {
        List<String> payload = new ArrayList<>();
        item.fieldNames().forEachRemaining(k -> {
            if (model.entities().containsKey(k) || BATCH_QUERIES.contains(k)) {
                payload.add(k);
            }
        });
        if (payload.isEmpty()) {
            out.add(at + ": neither an entity nor a query, a batch item carries one");
        }
        if (payload.size() != 1) {
            return; // two or more: the XSD's choice has reported it
        }
        String key = payload.get(0);
        String operation = item.path("operation").isTextual() ? item.get("operation").asText() : null;
        if (key.equals("Query")) {
            if (item.get(key).isTextual()) {
                query(item.get(key).asText(), at + "/Query", out);
            }
        } else if (model.entities().containsKey(key)) {
            if (operation == null) {
                out.add(at + "/operation: missing, QBO needs create, update, delete or void for an entity item");
            }
            // The IntuitBatchRequest check has already read the entity against its type; here only the update rules.
            updateRules(key, item.get(key), operation, at + "/" + key, out);
        }
    }

    private void query(String query, String where, List<String> out) {
        Matcher m = QUERY.matcher(query);
        if (!m.matches()) {
            out.add(where + ": \"" + query + "\" is not a QBO query (select … from <Entity> …)");
            return;
        }
        String entity = m.group(1);
        if (!entityOfPath.containsKey(entity.toLowerCase(Locale.ROOT))) {
            out.add(where + ": \"" + entity + "\" is not a QBO entity");
        }
        Matcher max = MAX_RESULTS_CLAUSE.matcher(m.group(2));
        if (max.find() && Long.parseLong(max.group(1)) > MAX_RESULTS) {
            out.add(where + ": maxresults " + max.group(1) + ", QBO returns at most " + MAX_RESULTS + " per page");
        }
    }

    private Set<String> operationValues() {
        return model.simpleType("OperationEnum").map(XsdType.Simple::enumeration).orElse(Set.of());
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
