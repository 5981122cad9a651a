package io.fieldsync.accounting.sandbox.xero.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;

import java.util.List;
import java.util.UUID;

/**
 * Xero's error bodies. Two families exist on the real service: the Accounting API's own exceptions
 * ({@code {"ErrorNumber":10,"Type":"ValidationException",…}}, spec schema {@code Error}) and the API gateway's
 * problem documents for authentication ({@code {"Type":null,"Title":"Unauthorized","Status":401,…}},
 * reference/api-facts.md §8.1). Bodies marked [U] are the sandbox's best guess: no published sample exists.
 */
public final class XeroErrors {

    private XeroErrors() {
    }

    /** 400 ValidationException with the failing elements echoed (spec example for PUT /Contacts). */
    public static ApiResponse validation(List<? extends JsonNode> elements) {
        ObjectNode body = exception(10, "ValidationException", "A validation exception occurred");
        body.putArray("Elements").addAll(elements);
        return ApiResponse.json(400, body);
    }

    /** 400 ValidationException without elements, for a request-level rule (e.g. nothing to save). */
    public static ApiResponse validation(String message) {
        ObjectNode body = exception(10, "ValidationException", "A validation exception occurred");
        body.putArray("Elements").addObject().putArray("ValidationErrors").addObject().put("Message", message);
        return ApiResponse.json(400, body);
    }

    /** 400 PostDataInvalidException: the body is not valid JSON or has the wrong shape. */
    public static ApiResponse postDataInvalid(String message) {
        return ApiResponse.json(400, exception(14, "PostDataInvalidException", message));
    }

    /** 400 QueryParseException: a {@code where} or {@code order} the service cannot parse. [U: number and text] */
    public static ApiResponse queryParse(String message) {
        return ApiResponse.json(400, exception(16, "QueryParseException", message));
    }

    /** 401 from the gateway, e.g. {@code TokenExpired: token expired at 11/23/2026 15:48:10}. */
    public static ApiResponse unauthorized(String detail) {
        return ApiResponse.json(401, problem("Unauthorized", 401, detail));
    }

    /** 403 from the gateway: wrong or missing xero-tenant-id, disconnected organisation, missing scope. */
    public static ApiResponse forbidden() {
        return ApiResponse.json(403, problem("Forbidden", 403, "AuthenticationUnsuccessful"));
    }

    /** 404 for an unknown resource or id. [U: body text] */
    public static ApiResponse notFound() {
        return ApiResponse.json(404, problem("NotFound", 404, "The resource you're looking for cannot be found"));
    }

    /** 405 for a method the resource does not take. [U: body] */
    public static ApiResponse methodNotAllowed() {
        return ApiResponse.json(405, problem("Method Not Allowed", 405, "The requested resource does not support this http method"));
    }

    /** 429 with the limit's name; the caller adds Retry-After and X-Rate-Limit-Problem. [U: body] */
    public static ApiResponse tooManyRequests(String problem) {
        return ApiResponse.json(429, problem("Too Many Requests", 429, "Rate limit exceeded: " + problem));
    }

    /** 500 as the gateway reports an unexpected failure. [U: body] */
    public static ApiResponse serverError() {
        return ApiResponse.json(500, problem("An error occurred", 500,
                "An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status."));
    }

    /**
     * A request-level 400 in the spec's {@code Error} shape without elements (the idempotency rules).
     * [U: no sample of Xero's idempotency 400 was found; the spec's documented 400 shape is used]
     */
    public static ApiResponse requestRefused(String message) {
        return ApiResponse.json(400, exception(10, "ValidationException", message));
    }

    /** An OAuth error from the identity service: {@code {"error":"invalid_grant"}}. */
    public static ApiResponse oauth(int status, String error) {
        ObjectNode body = SandboxJson.object();
        body.put("error", error);
        return ApiResponse.json(status, body);
    }

    private static ObjectNode exception(int number, String type, String message) {
        ObjectNode body = SandboxJson.object();
        body.put("ErrorNumber", number);
        body.put("Type", type);
        body.put("Message", message);
        return body;
    }

    private static ObjectNode problem(String title, int status, String detail) {
        ObjectNode body = SandboxJson.object();
        body.putNull("Type");
        body.put("Title", title);
        body.put("Status", status);
        body.put("Detail", detail);
        body.put("Instance", UUID.randomUUID().toString());
        return body;
    }
}
