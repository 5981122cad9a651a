package io.fieldsync.accounting.sandbox.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One HTTP request as the server that carried it hands it over, and the way back. The simulators' routers and
 * endpoints see only this (through {@code HttpCall}), so the same code answers on the JDK's own HTTP server (JUnit,
 * standalone jar: {@link io.fieldsync.accounting.sandbox.transport.jdk.JdkServer}) and behind a servlet container
 * (Karaf's HTTP whiteboard: {@link io.fieldsync.accounting.sandbox.transport.servlet.SandboxServlet}).
 * One exchange is answered once: {@link #respond} or {@link #drop}, never both.
 */
public interface CallTransport {

    /** The request method as sent, e.g. {@code GET}. */
    String method();

    /**
     * The request path below the mount point, still percent-encoded: "" or "/…". On the JDK server the mount point
     * is the root, so this is the whole path; behind a servlet it is what follows the servlet's pattern.
     */
    String rawPath();

    /** The query string without '?', still encoded; null when the request had none. */
    String rawQuery();

    /** The first value of a request header, matched without case; null when absent. */
    String header(String name);

    /** The request body; read once. */
    InputStream body() throws IOException;

    /** Sends status, headers and body ({@code body.length == 0}: no body) and completes the exchange. */
    void respond(int status, Map<String, String> headers, byte[] body) throws IOException;

    /**
     * Ends the exchange without a usable answer, as a connection that breaks after the server applied a write.
     * Each implementation says how close to a real dropped connection it can get.
     */
    void drop() throws IOException;
}
