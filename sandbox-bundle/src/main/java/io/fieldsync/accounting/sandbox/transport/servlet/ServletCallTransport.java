package io.fieldsync.accounting.sandbox.transport.servlet;

import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** A {@link CallTransport} over one servlet request and response (Servlet 3.1 API, as pax-web 8 serves it). */
public final class ServletCallTransport implements CallTransport {

    /** What {@link #drop()} promises in Content-Length and never sends. */
    static final int PROMISED_BODY_BYTES = 1;

    private final HttpServletRequest request;
    private final HttpServletResponse response;

    public ServletCallTransport(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    /**
     * The request URI (which containers keep encoded) after the context path and the servlet path (which they
     * decode). When those do not line up, because the mount point itself holds escapes, the decoded path info is
     * encoded again.
     */
    @Override
    public String rawPath() {
        String uri = request.getRequestURI();
        String mount = request.getContextPath() + request.getServletPath();
        if (uri != null && uri.startsWith(mount)) {
            return uri.substring(mount.length());
        }
        String info = request.getPathInfo();
        return info == null ? "" : encodePath(info);
    }

    @Override
    public String rawQuery() {
        return request.getQueryString();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
        response.setStatus(status);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            response.setHeader(h.getKey(), h.getValue());
        }
        response.setContentLength(body.length);
        if (body.length > 0) {
            ServletOutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
        }
    }

    /**
     * The servlet API cannot close a connection, so this gets as close as a portable servlet can: it discards
     * whatever was buffered ({@code reset}), commits {@code 200} with {@code Connection: close} and a
     * {@code Content-Length} of {@value #PROMISED_BODY_BYTES}, and sends no body. A container must not finish a
     * response shorter than its Content-Length (RFC 9112 §6.3), so it closes the connection instead: Jetty 9.4
     * (pax-web 8, Karaf 4.4) aborts it with "insufficient content written". The client receives a status line and
     * headers, then the connection ends where the body should be: its read fails with an I/O error (java.net.http:
     * an IOException from {@code send}; Jersey: a ProcessingException when the entity is read). The status says
     * 200 because the write was applied; a client that trusts the status without reading the body is told the
     * truth, one that reads it sees a broken exchange and an unknown outcome, as after a real drop.
     * <p>
     * It is not identical to the JDK transport's drop (no status line at all); tests that depend on the exact
     * behaviour of a dropped connection run on the JDK server.
     */
    @Override
    public void drop() throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Connection", "close");
        response.setContentLength(PROMISED_BODY_BYTES);
        response.flushBuffer();
    }

    private static String encodePath(String decoded) {
        StringBuilder out = new StringBuilder();
        for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
