package io.fieldsync.accounting.sandbox.testing;

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

/** One request of a sandbox test client, built fluently and handed to a recorder as an {@link Exchange} once answered. */
public final class RecordedCall {

    private final HttpClient http;
    private final String method;
    private final URI uri;
    private final Consumer<Exchange> recorder;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String body;
    private boolean offContract;

    public RecordedCall(HttpClient http, String method, URI uri, Consumer<Exchange> recorder) {
        this.http = http;
        this.method = method;
        this.uri = uri;
        this.recorder = recorder;
    }

    public RecordedCall header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public RecordedCall without(String name) {
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return this;
    }

    public RecordedCall json(String json) {
        this.body = json;
        return header("Content-Type", "application/json");
    }

    public RecordedCall form(String urlEncoded) {
        this.body = urlEncoded;
        return header("Content-Type", "application/x-www-form-urlencoded");
    }

    /** This request breaks the vendor's request contract on purpose; only the response is checked. */
    public RecordedCall offContract() {
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
