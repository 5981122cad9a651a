package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.testing.RecordedCall;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A plain java.net.http client for the sandbox that records every exchange (for the contract check). Calls to the
 * Accounting API carry the fixture's bearer token and tenant unless a test says otherwise.
 */
public final class XeroTestClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String apiUrl;
    private final Supplier<String> accessToken;
    private final Supplier<String> tenantId;
    private final Consumer<Exchange> recorder;

    public XeroTestClient(String apiUrl, Supplier<String> accessToken, Supplier<String> tenantId, Consumer<Exchange> recorder) {
        this.apiUrl = apiUrl;
        this.accessToken = accessToken;
        this.tenantId = tenantId;
        this.recorder = recorder;
    }

    public Exchange get(String path) {
        return api("GET", path).send();
    }

    public Exchange put(String path, String json) {
        return api("PUT", path).json(json).send();
    }

    public Exchange post(String path, String json) {
        return api("POST", path).json(json).send();
    }

    /** A call to {@code apiUrl + path} with bearer token, tenant and Accept: application/json. */
    public RecordedCall api(String method, String path) {
        return new RecordedCall(http, method, URI.create(apiUrl + path), recorder)
                .header("Authorization", "Bearer " + accessToken.get())
                .header("xero-tenant-id", tenantId.get())
                .header("Accept", "application/json");
    }

    /** A call to any URL with no default headers (identity endpoints, connections). */
    public RecordedCall to(String method, String url) {
        return new RecordedCall(http, method, URI.create(url), recorder);
    }
}
