package io.fieldsync.accounting.engine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Servlet requests and responses as far as the engine's two servlets use them, for tests without a server. */
public final class FakeHttp {

    private FakeHttp() {
    }

    /** What a servlet answered. */
    public static final class Answer {
        public final AtomicInteger status = new AtomicInteger(HttpServletResponse.SC_OK);
        public final StringWriter body = new StringWriter();
        public final List<javax.servlet.http.Cookie> cookies = new java.util.concurrent.CopyOnWriteArrayList<>();
        public final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus", "sendError" -> {
                        status.set((Integer) args[0]);
                        yield null;
                    }
                    case "getWriter" -> new PrintWriter(body, true);
                    case "addCookie" -> {
                        cookies.add((javax.servlet.http.Cookie) args[0]);
                        yield null;
                    }
                    case "setContentType", "setHeader" -> null;
                    case "containsHeader" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A POST to {@code pathInfo} with these headers (names in lower case) and body. */
    public static HttpServletRequest post(String pathInfo, Map<String, String> headers, byte[] body) {
        ServletInputStream input = new BodyStream(body);
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getPathInfo" -> pathInfo;
                    case "getInputStream" -> input;
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                            ? List.of(headers.get((String) args[0])) : List.of());
                    case "getHeader" -> headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getContentLengthLong" -> (long) body.length;
                    case "getContentLength" -> body.length;
                    case "getRemoteAddr" -> "127.0.0.1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A GET carrying these query parameters (several values per name allowed). */
    public static HttpServletRequest get(Map<String, String[]> parameters) {
        return request("GET", parameters);
    }

    /** A request of this method carrying these query parameters and cookies (name, value, name, value...). */
    public static HttpServletRequest request(String httpMethod, Map<String, String[]> parameters, String... cookies) {
        javax.servlet.http.Cookie[] jar = new javax.servlet.http.Cookie[cookies.length / 2];
        for (int i = 0; i < jar.length; i++) {
            jar[i] = new javax.servlet.http.Cookie(cookies[2 * i], cookies[2 * i + 1]);
        }
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> httpMethod;
                    case "getParameterMap" -> parameters;
                    case "getCookies" -> jar.length == 0 ? null : jar;
                    case "isSecure" -> false;
                    case "getRemoteAddr" -> "127.0.0.1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        BodyStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
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
