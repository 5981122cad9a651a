package io.fieldsync.accounting.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.admin.AccountingHealth;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.AccountingDocuments;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.spi.AccountingProvider;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API, {@code /accounting/api/*}, a servlet on the OSGi HTTP whiteboard like the engine's OAuth callback
 * and webhook servlets (pax-web 8 is javax.servlet; see NOTES-rest10.md for why not the JAX-RS whiteboard).
 *
 * <p>Every call but the OpenAPI document needs a Karaf user with the admin role: HTTP Basic on the call, or the session
 * a Basic call opened. No credentials or wrong ones: 401 with a Basic challenge; a user without the role: 403. A call
 * that changes something (POST, PUT, DELETE) must also carry the session's CSRF token ({@link CsrfTokens}), checked
 * before its body is read. Answers are JSON; a problem is {@code {"status", "error", "message"}}.
 */
@Component(service = Servlet.class, configurationPid = AdminApiConfiguration.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=" + AdminApiServlet.PATH + "/*",
        "osgi.http.whiteboard.servlet.name=accounting-admin-api"})
@Designate(ocd = AdminApiConfiguration.class)
public class AdminApiServlet extends HttpServlet {

    static final String PATH = "/accounting/api";
    static final String OPENAPI = "/openapi.json";
    static final String CHALLENGE = "Basic realm=\"FieldSync Accounting\", charset=\"UTF-8\"";
    static final String PAGE_CALL_HEADER = "X-Requested-With";
    private static final String SESSION_USER = "io.fieldsync.accounting.admin.user";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);

    private final transient AdminLogin login;
    private final String role;
    private final transient CsrfTokens csrf = new CsrfTokens();
    private final transient ObjectMapper json = AdminJson.mapper();
    private final transient ApiRoutes routes;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<AccountingProvider> installedProviders = List.of();

    /** Optional: the API answers without it, and {@code GET /health} then says the check is not available (503). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AccountingHealth health;

    @Activate
    public AdminApiServlet(@Reference AccountingSync sync, @Reference AccountingSetup setup, @Reference AccountingDocuments documents,
                           @Reference AccountingConnections connections, @Reference AccountingProviders providers,
                           @Reference ImportJobs imports, @Reference AdminLogin login, AdminApiConfiguration configuration) {
        this(sync, setup, documents, connections, providers, imports, null, login, configuration.role());
    }

    /** {@code installed} null: the provider services tracked by this component. */
    AdminApiServlet(AccountingSync sync, AccountingSetup setup, AccountingDocuments documents, AccountingConnections connections,
                    AccountingProviders providers, ImportJobs imports, Supplier<List<AccountingProvider>> installed, AdminLogin login,
                    String role) {
        this.login = login;
        this.role = role;
        Supplier<List<AccountingProvider>> tracked = installed != null ? installed : () -> installedProviders;
        this.routes = new AdminEndpoints(sync, setup, documents, connections, providers, imports, tracked, csrf).routes()
                .add("GET", "/health", call -> HealthAnswer.of(Optional.ofNullable(health)
                        .orElseThrow(() -> new ApiProblem(503, "The accounting engine's health check is not available (the engine is "
                                + "not running)")).check()));
    }

    ApiRoutes routes() {
        return routes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = Optional.ofNullable(request.getPathInfo()).filter(info -> !info.isEmpty()).orElse("/");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            if ("GET".equals(method) && OPENAPI.equals(path)) {
                openApi(response);
                return;
            }
            AdminUser user = authenticate(request);
            ApiRoutes.Match match = routes.match(method, path);
            if (!SAFE_METHODS.contains(method) && !csrf.matches(request.getSession(false), request.getHeader(CsrfTokens.HEADER))) {
                throw new ApiProblem(403, "Missing or wrong " + CsrfTokens.HEADER + " header: GET " + PATH
                        + "/session gives the token of your session; send it with the session cookie on every POST, PUT and DELETE");
            }
            Object answer = match.route().handler().handle(new ApiCall(request, user, match.parameters(), json));
            if (answer instanceof AdminEndpoints.WithCookie withCookie) {
                response.setHeader("Set-Cookie", withCookie.setCookie());
                answer = withCookie.body();
            }
            if (answer instanceof AdminEndpoints.Accepted accepted) {
                response.setHeader("Location", accepted.location());
                write(response, 202, accepted.body());
                return;
            }
            if (answer instanceof AdminEndpoints.CsvDocument csv) {
                response.setStatus(200);
                response.setContentType("text/csv");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"" + csv.fileName() + "\"");
                response.getOutputStream().write(csv.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            write(response, 200, answer);
        } catch (ApiProblem problem) {
            problem.headers().forEach((name, value) -> {
                // the settings page asks for its 401s without the Basic challenge: a browser answers a challenge to a
                // script's call with its own login dialog over the page's form (the X-Requested-With convention)
                if (!("WWW-Authenticate".equals(name) && request.getHeader(PAGE_CALL_HEADER) != null)) {
                    response.setHeader(name, value);
                }
            });
            write(response, problem.status(), problem(problem.status(), problem.getMessage()));
        } catch (AccountingException refused) {
            // the engine's word for "the caller's input is wrong" (whatever its code) is a 400; any other refusal is about
            // the state of things (no provider chosen, not connected): 409
            int status = refused instanceof InvalidInputException || refused.code() == ErrorCode.INVALID_INPUT ? 400 : 409;
            Map<String, Object> body = problem(status, refused.getMessage());
            body.put("code", refused.code().name());
            write(response, status, body);
        } catch (IllegalArgumentException refused) {
            write(response, 400, problem(400, refused.getMessage()));
        } catch (Exception broken) {
            LOG.error("Admin API: {} {} failed", method, path, broken);
            write(response, 500, problem(500, "The server failed on this request; its log says why"));
        }
    }

    /** Basic credentials on the call win (and replace the session's user); else the user the session logged in. */
    private AdminUser authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        AdminUser user;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            user = basic(header.substring(6).strip());
            HttpSession existing = request.getSession(false);
            Object before = existing == null ? null : existing.getAttribute(SESSION_USER);
            if (before instanceof AdminUser known && !known.name().equals(user.name())) {
                // another user on this browser session: a new session, so no token of the first one carries over
                existing.invalidate();
            } else if (existing != null && before == null) {
                // a session from before the login gets a new id (session fixation): an id planted in the browser
                // never becomes an admin's
                request.changeSessionId();
            }
            request.getSession(true).setAttribute(SESSION_USER, user);
        } else {
            HttpSession session = request.getSession(false);
            Object known = session == null ? null : session.getAttribute(SESSION_USER);
            if (!(known instanceof AdminUser sessionUser)) {
                throw unauthorized("Log in: HTTP Basic with a Karaf user that has the '" + role + "' role");
            }
            user = sessionUser;
        }
        if (!user.hasRole(role)) {
            throw new ApiProblem(403, "User '" + user.name() + "' lacks the '" + role + "' role the accounting admin API needs");
        }
        return user;
    }

    private AdminUser basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw unauthorized("Unreadable Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            throw unauthorized("Unreadable Basic credentials");
        }
        return login.login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray())
                .orElseThrow(() -> unauthorized("Wrong user name or password"));
    }

    private static ApiProblem unauthorized(String message) {
        return new ApiProblem(401, message, Map.of("WWW-Authenticate", CHALLENGE));
    }

    private void openApi(HttpServletResponse response) throws IOException {
        try (InputStream document = AdminApiServlet.class.getResourceAsStream("openapi.json")) {
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(document.readAllBytes());
        }
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private static Map<String, Object> problem(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        });
        body.put("message", message);
        return body;
    }
}
