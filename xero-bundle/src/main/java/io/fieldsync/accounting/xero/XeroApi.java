package io.fieldsync.accounting.xero;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;

/** The Accounting API's paths and bodies: builds URIs, writes and reads {@link XeroEnvelope}s. */
final class XeroApi {

    /**
     * Invoices and credit notes, read or written: Xero rounds UnitAmount to two decimals unless the request opts in with
     * {@code unitdp=4} ("You can opt in to use four decimal places for unit amounts", OpenAPI parameter unitdp, declared
     * on exactly these paths). The host's unit prices have four (MoneyRules), so without it totals drift by cents.
     */
    private static final java.util.regex.Pattern FOUR_DECIMAL_UNITS = java.util.regex.Pattern.compile("/(Invoices|CreditNotes)(/[^/]+)?");

    /** Xero's page of invoices, contacts and credit notes. */
    static final int PAGE_SIZE = 100;

    private final XeroSettings settings;
    private final XeroHttp http;
    private final ObjectMapper json;

    XeroApi(XeroSettings settings, XeroHttp http, ObjectMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    /** GET a collection; 404 reads as empty. */
    XeroEnvelope get(ProviderSession session, String path, Map<String, String> query) {
        XeroReply reply = http.send(session, XeroCall.get(uri(path, query), "GET " + operation(path)));
        return envelope(reply, path);
    }

    /**
     * GET every page of a collection: Xero pages at 100 (OpenAPI GET /Invoices, /Contacts, /CreditNotes: "page=1 – Up
     * to 100 … will be returned in a single API call"), and a page of fewer is the last. A second call only when the
     * first page is full.
     */
    <T> List<T> everyPage(ProviderSession session, String path, Map<String, String> query, Function<XeroEnvelope, List<T>> items) {
        List<T> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            paged.put("page", Integer.toString(page));
            List<T> onPage = items.apply(get(session, path, paged));
            found.addAll(onPage);
            if (onPage.size() < PAGE_SIZE) {
                return found;
            }
        }
    }

    /** GET a collection changed since {@code since}. */
    XeroEnvelope getModifiedSince(ProviderSession session, String path, Map<String, String> query, java.time.Instant since) {
        XeroReply reply = http.send(session, XeroCall.get(uri(path, query), "GET " + operation(path)).modifiedSince(since));
        return envelope(reply, path);
    }

    /**
     * PUT (create) or POST (create or update) a collection with {@code summarizeErrors=false}, so that
     * Xero answers 200 with every element and its own validation errors.
     */
    XeroReply write(ProviderSession session, String method, String path, XeroEnvelope body, IdempotencyKey key,
                    DocumentRef document) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("summarizeErrors", "false");
        return http.send(session, XeroCall.write(method, uri(path, query), method + " " + operation(path), write(body), key, document));
    }

    /** POST to one resource (a status change by id): that path takes no summarizeErrors. */
    XeroReply writeOne(ProviderSession session, String path, Object body, IdempotencyKey key, DocumentRef document) {
        return http.send(session, XeroCall.write("POST", uri(path, Map.of()), "POST " + operation(path),
                write(body), key, document));
    }

    /** The envelope of a write's reply: 200, or a 400 ValidationException whose Elements stand in for the list. */
    XeroEnvelope written(XeroReply reply, String path, String collection) {
        if (reply.ok()) {
            return read(reply.body());
        }
        if (reply.status() == 400) {
            try {
                JsonNode root = json.readTree(reply.body());
                if (root.has("Elements")) {
                    // summarised mode: the elements carry the validation errors, in request order
                    return json.treeToValue(json.createObjectNode().set(collection, root.get("Elements")), XeroEnvelope.class);
                }
                throw refused(path, root.path("Message").asText(reply.body()));
            } catch (JsonProcessingException e) {
                throw refused(path, reply.body());
            }
        }
        throw refused(path, reply.status() + " " + reply.body());
    }

    XeroEnvelope read(String body) {
        try {
            return json.readValue(body.isEmpty() ? "{}" : body, XeroEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero")
                    .withDetail("unreadable answer: " + e.getOriginalMessage()), e);
        }
    }

    String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Xero request", e);
        }
    }

    URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(settings.accountingUrl()).append(path);
        Map<String, String> parameters = new LinkedHashMap<>(query);
        if (FOUR_DECIMAL_UNITS.matcher(path).matches()) {
            parameters.put("unitdp", "4");
        }
        if (!parameters.isEmpty()) {
            uri.append('?').append(XeroAuthorization.form(parameters));
        }
        return URI.create(uri.toString());
    }

    /** One key for a batch: stable for the same documents and revisions, different for any other batch. */
    static IdempotencyKey batchKey(List<IdempotencyKey> keys) {
        return IdempotencyKey.derive(keys.stream().map(IdempotencyKey::value).toArray(String[]::new));
    }

    /** The path as the sync log names the operation: ids replaced, so calls of one kind group together. */
    static String operation(String path) {
        return path.replaceAll("/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "/{id}");
    }

    /** A comma-separated parameter value. */
    static String list(List<String> values) {
        return String.join(",", new ArrayList<>(values));
    }

    private XeroEnvelope envelope(XeroReply reply, String path) {
        if (reply.status() == 404) {
            return read("{}");
        }
        if (!reply.ok()) {
            throw refused(path, reply.status() + " " + reply.body());
        }
        return read(reply.body());
    }

    private static AccountingException refused(String path, String detail) {
        return new AccountingException(SyncError.of(ErrorCode.VALIDATION_FAILED, "the request " + path).withDetail(detail));
    }
}
