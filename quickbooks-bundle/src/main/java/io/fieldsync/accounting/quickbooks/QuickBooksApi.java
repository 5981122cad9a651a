package io.fieldsync.accounting.quickbooks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ProviderSession;

/**
 * The company API's paths and bodies: every URI carries {@code minorversion}; writes may carry a
 * {@code requestid}, which makes QuickBooks replay its stored answer instead of applying a resend twice
 * (api-facts §6). Answers are read as JSON trees and turned into {@code wire} records where the caller wants them.
 */
final class QuickBooksApi {

    /** One mapper for the bundle: unknown fields ignored, because QBO adds fields with every minor version. */
    static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** QBO's page size cap for a query (api-facts §3.2). */
    static final int MAX_RESULTS = 1000;

    private final QuickBooksSettings settings;
    private final QuickBooksHttp http;

    /** The path of QBO's batch endpoint, whose requests are metered by their items. */
    static final String BATCH = "/batch";

    QuickBooksApi(QuickBooksSettings settings, QuickBooksHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** GET {@code /v3/company/{realmId}{path}}. */
    JsonNode get(ProviderSession session, String path, Map<String, String> query) {
        QboReply reply = http.send(session, QboCall.get(uri(session, path, query, null), "GET " + operation(path)));
        return answer(reply, path);
    }

    /** The {@code QueryResponse} of one query (empty object when nothing matched). */
    JsonNode query(ProviderSession session, String statement) {
        return get(session, "/query", Map.of("query", statement)).path("QueryResponse");
    }

    /**
     * POST a body to {@code path}.
     *
     * @param requestId the idempotency of a write, or null for a batch of reads
     * @param write whether it changes anything (decides between PROVIDER_UNAVAILABLE and an unknown outcome when the answer is lost)
     */
    JsonNode post(ProviderSession session, String path, Object body, String requestId, boolean write, DocumentRef document) {
        return post(session, path, body, requestId, write, document, null);
    }

    /** A POST whose sync-log operation also says what it carried ({@code detail}, e.g. "create Invoice ×30"). */
    JsonNode post(ProviderSession session, String path, Object body, String requestId, boolean write, DocumentRef document,
                  String detail) {
        String operation = "POST " + operation(path) + (detail == null ? "" : " (" + detail + ")");
        QboCall call = QboCall.post(uri(session, path, Map.of(), requestId), operation, text(body), write, document);
        if (BATCH.equals(path) && body instanceof JsonNode batch) {
            call = call.batchOf(batch.path("BatchItemRequest").size());
        }
        QboReply reply = http.send(session, call);
        return answer(reply, path);
    }

    /** The entities named {@code entity} in a {@code QueryResponse}. */
    static <T> List<T> entities(JsonNode queryResponse, String entity, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (JsonNode node : queryResponse.path(entity)) {
            found.add(read(node, type));
        }
        return found;
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    static String text(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a QuickBooks request", e);
        }
    }

    /** A value for a query's {@code '...'} literal: QBO's query language escapes a quote with a backslash. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code ('a','b')} for an {@code in} condition. */
    static String in(List<String> values) {
        return values.stream().map(QuickBooksApi::literal).collect(Collectors.joining(",", "(", ")"));
    }

    URI uri(ProviderSession session, String path, Map<String, String> query, String requestId) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        parameters.put("minorversion", Integer.toString(settings.minorVersion()));
        if (requestId != null) {
            parameters.put("requestid", requestId);
        }
        return URI.create(settings.companyUrl(session.tenantId()) + path + "?" + form(parameters));
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path as the sync log names the operation: ids replaced, so calls of one kind group together. */
    static String operation(String path) {
        return path.replaceAll("/\\d+(?=/|$)", "/{id}");
    }

    private static JsonNode answer(QboReply reply, String path) {
        JsonNode root = tree(reply.body());
        if (reply.ok()) {
            return root;
        }
        QboFault fault = QboFault.of(root);
        if (fault != null && (fault.has("6190"))) {
            throw new AccountingException(QboFaults.forDocument(fault, "QuickBooks Online"));
        }
        if (fault != null && (fault.has("3100") || fault.has("120"))) {
            throw new AccountingException(QboFaults.connectionLost(fault.first().code(), fault.words()));
        }
        throw new AccountingException(SyncError.of(ErrorCode.VALIDATION_FAILED, "the request " + operation(path))
                .withDetail(reply.status() + " " + (fault == null ? reply.body() : fault.words())));
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static AccountingException unreadable(Exception e) {
        return new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "QuickBooks Online")
                .withDetail("unreadable answer: " + e.getMessage()), e);
    }
}
