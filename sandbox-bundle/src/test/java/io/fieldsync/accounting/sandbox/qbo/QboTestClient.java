package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    public Call company(String method, String resource) {
        String separator = resource.contains("?") ? "&" : "?";
        return new Call(method, URI.create(apiUrl + "/v3/company/" + realmId.get() + resource + separator
                + "minorversion=75"))
                .header("Authorization", "Bearer " + accessToken.get())
                .header("Accept", "application/json");
    }

    /** A call to any URL with no default headers (OAuth endpoints). */
    public Call to(String method, String url) {
        return new Call(method, URI.create(url));
    }

    public final class Call {
        private final String method;
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String body;

        private Call(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        public Call header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Call json(String json) {
            this.body = json;
            return header("Content-Type", "application/json");
        }

        public Call form(String urlEncoded) {
            this.body = urlEncoded;
            return header("Content-Type", "application/x-www-form-urlencoded");
        }

        public Exchange send() {
            try {
                return record(http.send(build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public CompletableFuture<Exchange> sendAsync() {
            return http.sendAsync(build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(this::record);
        }

        private HttpRequest build() {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            headers.forEach((k, values) -> values.forEach(v -> b.header(k, v)));
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
            return b.method(method, publisher).build();
        }

        private Exchange record(HttpResponse<byte[]> response) {
            Exchange x = new Exchange(method, uri, Map.copyOf(headers), body, response.statusCode(),
                    response.headers().map(), response.body(), false);
            recorder.accept(x);
            return x;
        }
    }
}
