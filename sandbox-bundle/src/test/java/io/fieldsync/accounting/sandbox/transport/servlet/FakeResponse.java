package io.fieldsync.accounting.sandbox.transport.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;

/**
 * A servlet response that keeps what a servlet did to it, with a container's rules where they matter here: once
 * committed (flushed or written to) status and headers no longer change, and {@code reset} is then illegal.
 */
public final class FakeResponse {

    private int status = 200;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private long contentLength = -1;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean committed;

    public HttpServletResponse servletResponse() {
        return (HttpServletResponse) Proxy.newProxyInstance(FakeResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> {
                            if (!committed) {
                                status = (Integer) args[0];
                            }
                        }
                        case "setHeader" -> {
                            if (!committed) {
                                headers.put((String) args[0], (String) args[1]);
                            }
                        }
                        case "setContentLength" -> {
                            if (!committed) {
                                contentLength = (Integer) args[0];
                            }
                        }
                        case "getOutputStream" -> {
                            return new BodyStream();
                        }
                        case "flushBuffer" -> committed = true;
                        case "isCommitted" -> {
                            return committed;
                        }
                        case "reset" -> {
                            if (committed) {
                                throw new IllegalStateException("committed");
                            }
                            status = 200;
                            headers.clear();
                            contentLength = -1;
                            body.reset();
                        }
                        case "toString" -> {
                            return "response " + status;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> throw new UnsupportedOperationException("the fake response has no " + m.getName());
                    }
                    return null;
                });
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The Content-Length the servlet declared, or -1. */
    public long contentLength() {
        return contentLength;
    }

    public boolean committed() {
        return committed;
    }

    public byte[] bodyBytes() {
        return body.toByteArray();
    }

    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return SandboxJson.parse(bodyBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body(), e);
        }
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + body();
    }

    private final class BodyStream extends ServletOutputStream {
        @Override
        public void write(int b) {
            committed = true;
            body.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            committed = true;
            body.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("blocking writes only");
        }
    }
}
