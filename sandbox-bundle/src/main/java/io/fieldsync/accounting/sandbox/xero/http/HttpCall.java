package io.fieldsync.accounting.sandbox.xero.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/** One incoming HTTP request on the JDK server, read once, answered once (or dropped on purpose). */
public final class HttpCall {

    private final HttpExchange exchange;
    private final QueryString query;
    private byte[] body;
    private boolean answered;

    public HttpCall(HttpExchange exchange) {
        this.exchange = exchange;
        this.query = QueryString.parse(exchange.getRequestURI().getRawQuery());
    }

    public String method() {
        return exchange.getRequestMethod().toUpperCase();
    }

    /** The decoded request path. */
    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public String rawQuery() {
        String q = exchange.getRequestURI().getRawQuery();
        return q == null ? "" : q;
    }

    public QueryString query() {
        return query;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public synchronized byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
        }
        return body;
    }

    public boolean answered() {
        return answered;
    }

    public void respond(ApiResponse response) throws IOException {
        answered = true;
        body();
        Headers headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        byte[] bytes = response.body();
        boolean noBody = bytes.length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /**
     * Closes the socket without any response bytes. The JDK server closes the connection itself when an exchange is
     * closed before its response headers were sent, so the client sees the connection end with no answer.
     */
    public void dropConnection() {
        answered = true;
        exchange.close();
    }
}
