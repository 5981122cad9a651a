package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.http.QueryString;
import io.fieldsync.accounting.sandbox.xero.identity.AccessToken;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.Envelope;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An authenticated Accounting API call for one organisation.
 *
 * @param segments the path after {@code /api.xro/2.0}, e.g. ["Invoices", "{id}"]
 */
public record ApiRequest(HttpCall call, List<String> segments, Organisation org, AccessToken token, Instant now,
                         String providerName) {

    public String method() {
        return call.method();
    }

    public QueryString query() {
        return call.query();
    }

    public Optional<String> segment(int index) {
        return index < segments.size() ? Optional.of(segments.get(index)) : Optional.empty();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /**
     * {@code summarizeErrors}: Xero's docs describe {@code true} as the default (one bad element fails the request
     * with 400); the OpenAPI spec declares {@code default: false}. The sandbox follows the docs
     * (reference/api-facts.md §4).
     */
    public boolean summarizeErrors() {
        return query().flag("summarizeErrors", true);
    }

    /** 4 with {@code unitdp=4}, else 2. */
    public int unitDecimals() {
        return query().integer("unitdp").orElse(2) == 4 ? 4 : 2;
    }

    public JsonNode body() {
        try {
            byte[] bytes = call.body();
            if (bytes.length == 0) {
                throw new XeroApiException(XeroErrors.postDataInvalid("The request body is empty."));
            }
            return SandboxJson.parse(bytes);
        } catch (IOException e) {
            throw new XeroApiException(XeroErrors.postDataInvalid("JSON for the request could not be parsed."));
        }
    }

    /** The elements of {@code {"Invoices":[…]}}; a bare object counts as one element. */
    public List<JsonNode> elements(String collection) {
        JsonNode body = body();
        JsonNode list = body.get(collection);
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        } else if (list == null && body.isObject()) {
            out.add(body);
        } else {
            throw new XeroApiException(XeroErrors.postDataInvalid("JSON for " + collection + " could not be read."));
        }
        for (JsonNode e : out) {
            if (!e.isObject()) {
                throw new XeroApiException(XeroErrors.postDataInvalid("JSON for " + collection + " could not be read."));
            }
        }
        return out;
    }

    public ObjectNode envelope(String collection, ArrayNode items) {
        return Envelope.of(providerName, now, collection, items);
    }

    public ObjectNode envelope(String collection, ArrayNode items, ObjectNode pagination) {
        return Envelope.of(providerName, now, collection, items, pagination);
    }
}
