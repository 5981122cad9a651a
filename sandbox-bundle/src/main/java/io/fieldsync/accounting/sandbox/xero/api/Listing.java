package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.wire.XeroDates;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The common part of GET on a collection: {@code If-Modified-Since} (records updated after the timestamp),
 * {@code where}, {@code order} ("Field [ASC|DESC]"), then paging.
 */
final class Listing {

    private Listing() {
    }

    static <T> List<T> modifiedSince(ApiRequest request, List<T> records, Function<T, Instant> updated) {
        Optional<String> header = request.call().header("If-Modified-Since");
        if (header.isEmpty()) {
            return records;
        }
        Instant since;
        try {
            since = XeroDates.parseTimestamp(header.get());
        } catch (DateTimeException e) {
            return records;
        }
        return records.stream().filter(r -> updated.apply(r).isAfter(since)).toList();
    }

    static List<ObjectNode> whereAndOrder(ApiRequest request, List<ObjectNode> rendered) {
        List<ObjectNode> out = rendered;
        Optional<String> where = request.query().first("where");
        if (where.isPresent() && !where.get().isBlank()) {
            Predicate<JsonNode> filter = WhereFilter.parse(where.get());
            out = out.stream().filter(filter).toList();
        }
        Optional<String> order = request.query().first("order");
        if (order.isPresent() && !order.get().isBlank()) {
            out = new ArrayList<>(out);
            out.sort(comparator(order.get()));
        }
        return out;
    }

    static ObjectNode page(ApiRequest request, String collection, List<ObjectNode> items) {
        Paging.Page<ObjectNode> page = Paging.of(items, request.query());
        ArrayNode array = SandboxJson.array();
        page.items().forEach(array::add);
        return request.envelope(collection, array, page.pagination());
    }

    /**
     * Like {@link #page} but a request without {@code page} gets the first page of 100, not everything.
     * [S] Xero's Contacts endpoint pages by default: a GET without page returns only 100 contacts (a developer's
     * report on Stack Exchange, "GetContactsAsync only returns 100 contacts", answered that paging is on by
     * default); the OpenAPI text only says "page=1 - Up to 100 contacts will be returned in a single API call".
     */
    static ObjectNode pageByDefault(ApiRequest request, String collection, List<ObjectNode> items) {
        if (request.query().has("page")) {
            return page(request, collection, items);
        }
        ArrayNode array = SandboxJson.array();
        items.stream().limit(Paging.DEFAULT_PAGE_SIZE).forEach(array::add);
        return request.envelope(collection, array, null);
    }

    private static Comparator<ObjectNode> comparator(String order) {
        String[] parts = order.trim().split("\\s+");
        if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)ASC|DESC"))) {
            throw new XeroApiException(XeroErrors.queryParse("The order clause could not be parsed: " + order));
        }
        String field = parts[0];
        Comparator<ObjectNode> c = Comparator.comparing(n -> sortKey(n.get(field)),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return parts.length == 2 && parts[1].equalsIgnoreCase("DESC") ? c.reversed() : c;
    }

    private static String sortKey(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return String.format("%030.10f", v.decimalValue());
        }
        return v.asText().toLowerCase();
    }
}
