package io.fieldsync.accounting.sandbox.transport.jdk;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** A {@link CallTransport} over one exchange of the JDK's HTTP server (com.sun.net.httpserver). */
final class JdkCallTransport implements CallTransport {

    private final HttpExchange exchange;

    JdkCallTransport(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    @Override
    public String rawPath() {
        return exchange.getRequestURI().getRawPath();
    }

    @Override
    public String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public InputStream body() {
        return exchange.getRequestBody();
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
        Headers out = exchange.getResponseHeaders();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out.set(h.getKey(), h.getValue());
        }
        boolean noBody = body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Closes the socket without any response bytes. The JDK server closes the connection itself when an exchange is
     * closed before its response headers were sent, so the client sees the connection end with no answer: exactly
     * what a dropped connection looks like.
     */
    @Override
    public void drop() {
        exchange.close();
    }
}
