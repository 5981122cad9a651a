package io.fieldsync.accounting.admin;

import java.util.Map;

/** An answer other than 200 with the message the caller sees; {@code headers} go out with it (e.g. WWW-Authenticate). */
final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    ApiProblem(int status, String message) {
        this(status, message, Map.of());
    }

    ApiProblem(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static ApiProblem badRequest(String message) {
        return new ApiProblem(400, message);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
