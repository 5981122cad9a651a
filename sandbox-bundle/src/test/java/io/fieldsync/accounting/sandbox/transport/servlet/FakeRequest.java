package io.fieldsync.accounting.sandbox.transport.servlet;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;

/**
 * A servlet request as a container hands it to a servlet mapped at {@code servletPath + "/*"} in the root context:
 * only what {@link ServletCallTransport} reads is there, anything else fails loudly.
 */
public final class FakeRequest {

    private final String method;
    private final String servletPath;
    private final String rawPath;
    private String rawQuery;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    private FakeRequest(String method, String servletPath, String rawPath) {
        this.method = method;
        this.servletPath = servletPath;
        this.rawPath = rawPath;
    }

    /** @param rawPath the encoded path below the servlet path, e.g. "/identity/connect/token" */
    public static FakeRequest to(String method, String servletPath, String rawPath) {
        return new FakeRequest(method, servletPath, rawPath);
    }

    public FakeRequest query(String raw) {
        this.rawQuery = raw;
        return this;
    }

    public FakeRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public FakeRequest body(String contentType, String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return header("Content-Type", contentType);
    }

    public HttpServletRequest servletRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContextPath" -> "";
                    case "getServletPath" -> servletPath;
                    case "getRequestURI" -> servletPath + rawPath;
                    case "getPathInfo" -> rawPath.isEmpty() ? null
                            : URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
                    case "getQueryString" -> rawQuery;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getInputStream" -> new BodyStream(body);
                    case "toString" -> method + " " + servletPath + rawPath;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("the fake request has no " + m.getName());
                });
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        BodyStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("blocking reads only");
        }
    }
}
