package io.fieldsync.accounting.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer of the sandbox: status, headers, body bytes. Immutable; cached as-is for idempotent replays. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), SandboxJson.bytes(body));
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), new byte[0]);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse redirect(String location) {
        return new ApiResponse(302, Map.of("Location", location), new byte[0]);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }

    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new ApiResponse(status, copy, body);
    }
}
