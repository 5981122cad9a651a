package io.fieldsync.accounting.sandbox.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;


/**
 * Sits between the provider and the sandbox and keeps every exchange, so tests can check what the
 * provider really sent (headers, bodies) against Xero's contract. A connection the sandbox drops is
 * dropped here too.
 */
public final class RecordingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "keep-alive", "expect");

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    public final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile String limitedPath;
    private final java.util.concurrent.atomic.AtomicInteger limitedCalls = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int limitedRetryAfter;

    /** The next {@code calls} requests whose path contains {@code pathPart} get Xero's minute-limit 429 without reaching the sandbox. */
    public void tooManyRequestsFor(String pathPart, int calls, int retryAfterSeconds) {
        limitedPath = pathPart;
        limitedRetryAfter = retryAfterSeconds;
        limitedCalls.set(calls);
    }

    /** How many of the 429s asked for with {@link #tooManyRequestsFor} are still to be given. */
    public int tooManyRequestsLeft() {
        return Math.max(0, limitedCalls.get());
    }

    private volatile String droppedMethod;
    private volatile String droppedPath;
    private final java.util.concurrent.atomic.AtomicInteger droppedCalls = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The next {@code calls} {@code method} requests whose path contains {@code pathPart} reach the sandbox, which applies
     * them, and then the connection is closed with no answer: the client cannot know what happened.
     */
    public void dropAnswerFor(String method, String pathPart, int calls) {
        dropAnswerFor(method, pathPart, "", calls);
    }

    /**
     * As {@link #dropAnswerFor(String, String, int)}, for the requests whose body also contains {@code bodyPart}: one
     * operation among the many a QBO client sends to {@code /batch}.
     */
    public void dropAnswerFor(String method, String pathPart, String bodyPart, int calls) {
        droppedMethod = method;
        droppedPath = pathPart;
        droppedBody = bodyPart;
        droppedCalls.set(calls);
    }

    private volatile String droppedBody = "";

    private volatile String refusedQueryPart;
    private volatile String refusalBody;

    /**
     * Every request whose decoded query contains {@code queryPart} gets a 400 with {@code body} without reaching the
     * sandbox (nor the recorded exchanges, like the injected 429s): a value the real service refuses for a reason the
     * sandbox does not know.
     */
    public void refuseQueriesContaining(String queryPart, String body) {
        refusalBody = body;
        refusedQueryPart = queryPart;
    }

    public RecordingProxy(String targetBaseUrl) throws IOException {
        this.target = URI.create(targetBaseUrl);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Accounting API writes (identity calls left out). */
    public List<Exchange> apiWrites() {
        return exchanges.stream().filter(exchange -> !"GET".equals(exchange.method()))
                .filter(exchange -> exchange.uri().getPath().contains("/api.xro/")).toList();
    }

    private void forward(HttpExchange incoming) throws IOException {
        byte[] body = incoming.getRequestBody().readAllBytes();
        String limited = limitedPath;
        if (limited != null && incoming.getRequestURI().getPath().contains(limited) && limitedCalls.getAndDecrement() > 0) {
            incoming.getResponseHeaders().add("Retry-After", Integer.toString(limitedRetryAfter));
            incoming.getResponseHeaders().add("X-Rate-Limit-Problem", "minute");
            incoming.sendResponseHeaders(429, -1);
            incoming.close();
            return;
        }
        String refused = refusedQueryPart;
        if (refused != null && incoming.getRequestURI().getQuery() != null && incoming.getRequestURI().getQuery().contains(refused)) {
            byte[] answer = refusalBody.getBytes(StandardCharsets.UTF_8);
            incoming.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            incoming.sendResponseHeaders(400, answer.length);
            incoming.getResponseBody().write(answer);
            incoming.close();
            return;
        }
        URI uri = target.resolve(incoming.getRequestURI().getRawPath()
                + (incoming.getRequestURI().getRawQuery() == null ? "" : "?" + incoming.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(incoming.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        incoming.getRequestHeaders().forEach((name, values) -> {
            requestHeaders.put(name, values);
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException dropped) {
            incoming.close();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            incoming.close();
            return;
        }
        exchanges.add(new Exchange(incoming.getRequestMethod(), URI.create(incoming.getRequestURI().toString()), requestHeaders,
                new String(body, StandardCharsets.UTF_8), response.statusCode(), response.headers().map(), response.body(), false));
        String dropped = droppedPath;
        if (dropped != null && incoming.getRequestMethod().equals(droppedMethod) && incoming.getRequestURI().getPath().contains(dropped)
                && new String(body, StandardCharsets.UTF_8).contains(droppedBody) && droppedCalls.getAndDecrement() > 0) {
            incoming.close();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                incoming.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        incoming.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            incoming.getResponseBody().write(answer);
        }
        incoming.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
