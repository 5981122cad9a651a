package io.fieldsync.accounting.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The settings page, {@code /accounting/admin/}: static HTML, CSS and JavaScript modules shipped in this bundle. The
 * files hold no data and need no login; everything the page shows comes from {@code /accounting/api}, which checks the
 * user on every call. Only the files listed here are served (no path from the request reaches the class loader), and
 * the Content-Security-Policy lets the page run its own scripts and talk to its own origin only, so an injected
 * value in a document's text cannot become a script or send data elsewhere.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + AdminPageServlet.PATH + "/*",
        "osgi.http.whiteboard.servlet.name=accounting-admin-page"})
public class AdminPageServlet extends HttpServlet {

    static final String PATH = "/accounting/admin";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final long serialVersionUID = 1L;

    /** Request path below {@link #PATH} → the file in {@code page/} and its media type. */
    private static final Map<String, PageFile> FILES = Map.ofEntries(
            file("index.html", "/", "text/html;charset=UTF-8"),
            file("admin.css", "text/css;charset=UTF-8"),
            script("app.js"), script("api.js"), script("page.js"), script("views.js"), script("connection.js"),
            script("mappings.js"), script("settings.js"), script("documents.js"), script("activity.js"), script("chart.js"));

    private static Map.Entry<String, PageFile> file(String name, String path, String contentType) {
        return Map.entry(path, new PageFile(name, contentType));
    }

    private static Map.Entry<String, PageFile> file(String name, String contentType) {
        return file(name, "/" + name, contentType);
    }

    private static Map.Entry<String, PageFile> script(String name) {
        return file(name, "text/javascript;charset=UTF-8");
    }

    private record PageFile(String name, String contentType) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("");
        if (path.isEmpty()) {
            // relative links in the page (app.js, ../api) need the trailing slash
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + PATH + "/");
            return;
        }
        PageFile file = FILES.get(path);
        securityHeaders(response);
        if (file == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            if (withBody) {
                response.getOutputStream().write("Not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        byte[] content;
        try (InputStream in = AdminPageServlet.class.getResourceAsStream("page/" + file.name())) {
            if (in == null) {
                throw new IOException("page/" + file.name() + " is missing from the admin bundle");
            }
            content = in.readAllBytes();
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(file.contentType());
        response.setContentLength(content.length);
        if (withBody) {
            response.getOutputStream().write(content);
        }
    }

    private static void securityHeaders(HttpServletResponse response) {
        // the files change with the bundle: revalidate rather than run yesterday's script against today's API
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
