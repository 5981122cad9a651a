package io.fieldsync.accounting.sandbox.transport.servlet;

import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.util.function.Consumer;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A simulator behind a servlet container: every request below the servlet's pattern, whatever its method, goes to
 * the simulator's router as a {@link ServletCallTransport}. Registered through the OSGi HTTP whiteboard by the
 * simulator's component; the router never throws (failures become the vendor's 500 body).
 */
public final class SandboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Consumer<CallTransport> handler;

    public SandboxServlet(Consumer<CallTransport> handler) {
        this.handler = handler;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        handler.accept(new ServletCallTransport(request, response));
    }
}
