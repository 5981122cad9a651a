package io.fieldsync.accounting.sandbox.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request a test made and the answer it got, kept for the contract check.
 *
 * @param offContract the test broke the request contract on purpose (e.g. no xero-tenant-id): only the response is
 *                    checked against the spec
 */
public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody,
                       int status, Map<String, List<String>> responseHeaders, byte[] responseBody,
                       boolean offContract) {

    public String body() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return SandboxJson.parse(responseBody);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body(), e);
        }
    }

    /** A response header, matched without case; null if absent. */
    public String header(String name) {
        return responseHeaders.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return method + " " + uri + " -> " + status + " " + body();
    }
}
