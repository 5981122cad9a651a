package io.fieldsync.accounting.sandbox.qbo.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;

import java.time.Instant;

/**
 * QBO's error bodies (reference/api-facts.md §8.1). Validation faults are {@code {"Fault":{"Error":[…],"type":…},
 * "time":…}} with 400; a 401 comes with lower-case keys, as observed from the live service; throttling (429) carries
 * QBO's ThrottleExceeded message and no Retry-After.
 */
public final class QboFaults {

    private QboFaults() {
    }

    /** The {@code Fault} object of a validation error (also the per-item Fault of a batch response). */
    public static ObjectNode fault(QboFault fault) {
        return fault("ValidationFault", fault.code(), fault.getMessage(), fault.detail(), fault.element());
    }

    public static ApiResponse validation(QboFault fault, Instant now) {
        return wrap(400, fault(fault), now);
    }

    public static ApiResponse unauthorized(String detail, Instant now) {
        ObjectNode body = SandboxJson.object();
        ObjectNode f = body.putObject("fault");
        ObjectNode e = f.putArray("error").addObject();
        e.put("message", "message=AuthenticationFailed; errorCode=003200; statusCode=401");
        e.put("detail", detail);
        e.put("code", "3200");
        f.put("type", "AUTHENTICATION");
        body.put("time", QboTime.response(now));
        return ApiResponse.json(401, body).withHeader("WWW-Authenticate", "Bearer realm=\"Intuit\"");
    }

    public static ApiResponse forbidden(Instant now) {
        return wrap(403, fault("AuthorizationFault", "3100",
                "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
                "The application is not authorized for this company (realm), or its grant was revoked.", null), now);
    }

    public static ApiResponse throttled(Instant now) {
        ObjectNode f = SandboxJson.object();
        f.putArray("Error").addObject()
                .put("Message", "message=ThrottleExceeded; errorCode=003001; statusCode=429")
                .put("code", "003001");
        f.put("type", "SERVICE");
        return wrap(429, f, now);
    }

    public static ApiResponse serverError(int status, Instant now) {
        String detail = status == 503 ? "Service Unavailable: the service is temporarily unable to process your request"
                : "System Failure Error: An unexpected error occurred while accessing or saving your data.";
        return wrap(status, fault("SystemFault", "10000", "An application error has occurred while processing your "
                + "request", detail, null), now);
    }

    public static ApiResponse notFound(String path, Instant now) {
        return wrap(404, fault("ValidationFault", "5000", "Not Found", "No such resource: " + path, null), now);
    }

    private static ObjectNode fault(String type, String code, String message, String detail, String element) {
        ObjectNode f = SandboxJson.object();
        ObjectNode e = f.putArray("Error").addObject();
        e.put("Message", message);
        if (detail != null) {
            e.put("Detail", detail);
        }
        e.put("code", code);
        if (element != null) {
            e.put("element", element);
        }
        f.put("type", type);
        return f;
    }

    private static ApiResponse wrap(int status, ObjectNode fault, Instant now) {
        ObjectNode body = SandboxJson.object();
        body.set("Fault", fault);
        body.put("time", QboTime.response(now));
        return ApiResponse.json(status, body);
    }
}
