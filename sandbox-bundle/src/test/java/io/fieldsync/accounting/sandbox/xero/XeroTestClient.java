package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
    public Call api(String method, String path) {
        return new Call(method, URI.create(apiUrl + path))
                .header("Authorization", "Bearer " + accessToken.get())
                .header("xero-tenant-id", tenantId.get())
                .header("Accept", "application/json");
    }

    /** A call to any URL with no default headers (identity endpoints, connections). */
    public Call to(String method, String url) {
        return new Call(method, URI.create(url));
    }

    public final class Call {
        private final String method;
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String body;
        private boolean offContract;

        private Call(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        public Call header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Call without(String name) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
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

        /** This request breaks the vendor's request contract on purpose; only the response is checked. */
        public Call offContract() {
            this.offContract = true;
            return this;
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
                    response.headers().map(), response.body(), offContract);
            recorder.accept(x);
            return x;
        }
    }
}
