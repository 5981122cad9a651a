package io.fieldsync.accounting.sandbox.xero.api;

import io.fieldsync.accounting.sandbox.http.ApiResponse;

/** Ends a request with a ready error response (unreadable body, unknown id, unparsable filter). */
public final class XeroApiException extends RuntimeException {

    private final transient ApiResponse response;

    public XeroApiException(ApiResponse response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    public ApiResponse response() {
        return response;
    }
}
