package io.fieldsync.accounting.bench.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A servlet served over the JDK's HTTP server, so that the engine's {@code WebhookServlet} meets the sandbox's signed
 * deliveries over real HTTP without a Karaf: the request and response carry what a servlet container would (method, path
 * info, headers, body, status); everything else answers its type's default. Each request's arrival is recorded, the
 * moment a delivery reaches the engine.
 */
final class ServletHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Instant> arrivals = new CopyOnWriteArrayList<>();
    private final String context;

    ServletHost(String context, HttpServlet servlet) throws IOException {
        this.context = context;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(context, exchange -> serve(servlet, exchange));
        server.setExecutor(threads);
        server.start();
    }

    /** Where {@code path} (below the context) is served, e.g. {@code /xero}. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + context + path);
    }

    /** Arrivals so far, oldest first. */
    List<Instant> arrivals() {
        return List.copyOf(arrivals);
    }

    private void serve(HttpServlet servlet, HttpExchange exchange) throws IOException {
        arrivals.add(Instant.now());
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            AtomicInteger status = new AtomicInteger(200);
            try {
                servlet.service(request(exchange, body), response(status));
            } catch (ServletException e) {
                status.set(500);
            }
            exchange.sendResponseHeaders(status.get(), -1);
        }
    }

    private HttpServletRequest request(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        return proxy(HttpServletRequest.class, (method, args) -> switch (method.getName()) {
            case "getMethod" -> exchange.getRequestMethod();
            case "getPathInfo" -> path.length() > context.length() ? path.substring(context.length()) : null;
            case "getRequestURI" -> path;
            case "getProtocol" -> exchange.getProtocol();
            case "getRemoteAddr" -> exchange.getRemoteAddress().getAddress().getHostAddress();
            case "getHeader" -> exchange.getRequestHeaders().getFirst((String) args[0]);
            case "getHeaders" -> Collections.enumeration(exchange.getRequestHeaders().getOrDefault((String) args[0], List.of()));
            case "getHeaderNames" -> Collections.enumeration(new ArrayList<>(exchange.getRequestHeaders().keySet()));
            case "getContentLengthLong" -> (long) body.length;
            case "getContentLength" -> body.length;
            case "getInputStream" -> input(new ByteArrayInputStream(body));
            default -> null;
        });
    }

    private static HttpServletResponse response(AtomicInteger status) {
        return proxy(HttpServletResponse.class, (method, args) -> {
            if (method.getName().equals("setStatus") || method.getName().equals("sendError")) {
                status.set((Integer) args[0]);
            }
            return null;
        });
    }

    private interface Answer {
        Object answer(Method method, Object[] args) throws IOException;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(ServletHost.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object value = answer.answer(method, args);
            if (value != null || !method.getReturnType().isPrimitive()) {
                return value;
            }
            return switch (method.getReturnType().getName()) {
                case "boolean" -> false;
                case "int" -> 0;
                case "long" -> 0L;
                default -> null;
            };
        }));
    }

    private static ServletInputStream input(InputStream bytes) {
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return bytes.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
