package io.fieldsync.accounting.engine.inbound;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Organisation;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /accounting/oauth/callback}: where the accounting system sends the admin's browser
 * after consent. The one-time {@code state} names the company; the page says what happened.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + OAuthCallbackServlet.PATH,
        "osgi.http.whiteboard.servlet.name=accounting-oauth-callback"})
public class OAuthCallbackServlet extends HttpServlet {

    static final String PATH = "/accounting/oauth/callback";
    /** Where the admin API sets the binding cookie: below it are both the API and this callback. */
    static final String BINDING_COOKIE_PATH = "/accounting";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OAuthCallbackServlet.class);

    private final transient AccountingConnections connections;

    @Activate
    public OAuthCallbackServlet(@Reference AccountingConnections connections) {
        this.connections = connections;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try {
            ConnectionStatus status = connections.completeAuthorization(parameters(request), browserBinding(request));
            if (browserBinding(request) != null) {
                response.addCookie(expired(request));
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.getWriter().write(page(status.state() == ConnectionState.CONNECTED
                    ? "Connected to " + status.organisationName() + ". You can close this window."
                    : "Authorised. Choose the organisation to connect: " + String.join(", ",
                            status.organisations().stream().map(Organisation::name).toList()) + "."));
        } catch (AccountingException refused) {
            response.setStatus(statusFor(refused));
            response.getWriter().write(page(refused.error().message()));
        } catch (RuntimeException broken) {
            LOG.error("The accounting authorisation callback failed", broken);
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.getWriter().write(page(ErrorCode.INTERNAL_ERROR.message("Completing the connection")));
        }
    }

    /**
     * Mail scanners and link previewers send HEAD for a link before the admin clicks it; answering it as a GET would spend
     * the one-time state and leave the admin's own click refused. HEAD gets the page's headers and completes nothing.
     */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /** The secret of the browser session that began the connection, if the browser brought one. */
    private static String browserBinding(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (AccountingConnections.BROWSER_BINDING_COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The binding cookie's removal: the connection it was for is complete. */
    private static Cookie expired(HttpServletRequest request) {
        Cookie gone = new Cookie(AccountingConnections.BROWSER_BINDING_COOKIE, "");
        gone.setPath(BINDING_COOKIE_PATH);
        gone.setMaxAge(0);
        gone.setHttpOnly(true);
        gone.setSecure(request.isSecure());
        return gone;
    }

    /** One value per parameter: a callback naming its state or code twice is not one the accounting system sent. */
    private static Map<String, String> parameters(HttpServletRequest request) {
        Map<String, String> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 1) {
                throw new InvalidInputException(ErrorCode.AUTHORIZATION_FAILED, name.length() > 64 ? name.substring(0, 64) : name,
                        "is given " + values.length + " times");
            }
            parameters.put(name, values.length == 0 ? "" : values[0]);
        });
        return parameters;
    }

    /**
     * The admin's browser shows the page whatever the status; the status tells monitoring and tests apart: the admin
     * declined (403), the company is connected to other books (409), the accounting system could not be reached
     * (503) or refused the code (502), anything else about the callback (400).
     */
    private static int statusFor(AccountingException refused) {
        String field = refused instanceof InvalidInputException invalid ? invalid.field() : "";
        return switch (refused.code()) {
            case AUTHORIZATION_FAILED -> switch (field) {
                case "error" -> HttpServletResponse.SC_FORBIDDEN;
                case "realmId", "organisation" -> HttpServletResponse.SC_CONFLICT;
                default -> HttpServletResponse.SC_BAD_REQUEST;
            };
            case PROVIDER_UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            default -> HttpServletResponse.SC_BAD_GATEWAY;
        };
    }

    private static String page(String message) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Accounting connection</title></head><body><p>"
                + escape(message) + "</p></body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
