package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.testing.RecordedCall;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A plain java.net.http client for the QBO sandbox that records every exchange. Company calls go to
 * {@code /v3/company/{realmId}/…?minorversion=75} with the fixture's bearer token and Accept: application/json.
 */
public final class QboTestClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String apiUrl;
    private final Supplier<String> accessToken;
    private final Supplier<String> realmId;
    private final Consumer<Exchange> recorder;

    public QboTestClient(String apiUrl, Supplier<String> accessToken, Supplier<String> realmId, Consumer<Exchange> recorder) {
        this.apiUrl = apiUrl;
        this.accessToken = accessToken;
        this.realmId = realmId;
        this.recorder = recorder;
    }

    public Exchange get(String resource) {
        return company("GET", resource).send();
    }

    public Exchange post(String resource, String json) {
        return company("POST", resource).json(json).send();
    }

    public Exchange query(String query) {
        return get("/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** A call to {@code /v3/company/{realmId}} + resource (which may carry its own query string). */
    public RecordedCall company(String method, String resource) {
        String separator = resource.contains("?") ? "&" : "?";
        return new RecordedCall(http, method, URI.create(apiUrl + "/v3/company/" + realmId.get() + resource + separator
                + "minorversion=75"), recorder)
                .header("Authorization", "Bearer " + accessToken.get())
                .header("Accept", "application/json");
    }

    /** A call to any URL with no default headers (OAuth endpoints). */
    public RecordedCall to(String method, String url) {
        return new RecordedCall(http, method, URI.create(url), recorder);
    }
}
