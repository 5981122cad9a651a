package io.fieldsync.accounting.engine.inbound;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Organisation;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /accounting/oauth/callback}: where the accounting system sends the admin's browser
 * after consent. The one-time {@code state} names the company; the page says what happened.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + OAuthCallbackServlet.PATH,
        "osgi.http.whiteboard.servlet.name=accounting-oauth-callback"})
public class OAuthCallbackServlet extends HttpServlet {

    static final String PATH = "/accounting/oauth/callback";
    private static final long serialVersionUID = 1L;

    private final transient AccountingConnections connections;

    @Activate
    public OAuthCallbackServlet(@Reference AccountingConnections connections) {
        this.connections = connections;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, values.length == 0 ? "" : values[0]));
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try {
            ConnectionStatus status = connections.completeAuthorization(parameters);
            response.setStatus(HttpServletResponse.SC_OK);
            response.getWriter().write(page(status.state() == ConnectionState.CONNECTED
                    ? "Connected to " + status.organisationName() + ". You can close this window."
                    : "Authorised. Choose the organisation to connect: " + String.join(", ",
                            status.organisations().stream().map(Organisation::name).toList()) + "."));
        } catch (AccountingException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().write(page(refused.error().message()));
        }
    }

    private static String page(String message) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Accounting connection</title></head><body><p>"
                + escape(message) + "</p></body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
