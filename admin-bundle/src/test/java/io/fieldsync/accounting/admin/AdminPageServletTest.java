package io.fieldsync.accounting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/** What the settings page's servlet serves: its own files, no data, under a policy that runs only its own scripts. */
class AdminPageServletTest {

    private final AdminPageServlet servlet = new AdminPageServlet();

    record Answer(int status, Map<String, String> headers, String body) {
    }

    @Test
    void thePageIsServedWithAPolicyThatRunsOnlyItsOwnScriptsAndTalksOnlyToItsOwnOrigin() throws Exception {
        Answer page = get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsEntry("Content-Type", "text/html;charset=UTF-8")
                .containsEntry("Content-Security-Policy", AdminPageServlet.CONTENT_SECURITY_POLICY)
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("X-Frame-Options", "DENY");
        assertThat(AdminPageServlet.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.body()).contains("<form id=\"login-form\">", "aria-live=\"polite\"");
    }

    @Test
    void thePageHoldsNoInlineScriptNorAnythingFromAnotherOrigin() throws Exception {
        String html = get("/").body();

        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("http://", "https://", "style=\"");
        assertThat(html).doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void everyFileThePageAndItsModulesReferToIsServedWithItsMediaType() throws Exception {
        Set<String> files = new LinkedHashSet<>();
        collect(get("/").body(), Pattern.compile("(?:src|href)=\"([a-z]+\\.(?:js|css))\""), files);
        Set<String> read = new LinkedHashSet<>();
        while (!read.containsAll(files)) {
            for (String module : Set.copyOf(files)) {
                if (module.endsWith(".js") && read.add(module)) {
                    collect(get("/" + module).body(), Pattern.compile("from '\\./([a-z]+\\.js)'"), files);
                }
                read.add(module);
            }
        }

        assertThat(files).containsExactlyInAnyOrder("admin.css", "app.js", "api.js", "page.js", "views.js", "connection.js",
                "mappings.js", "settings.js", "documents.js", "activity.js", "chart.js");
        for (String file : files) {
            Answer answer = get("/" + file);
            assertThat(answer.status()).as(file).isEqualTo(200);
            assertThat(answer.headers().get("Content-Type")).as(file)
                    .isEqualTo(file.endsWith(".css") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8");
            assertThat(answer.body()).as(file).isNotBlank();
        }
    }

    @Test
    void theAddressWithoutTheTrailingSlashMovesToItSoThatTheRelativeLinksResolve() throws Exception {
        Answer answer = get(null);

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.headers()).containsEntry("Location", "/accounting/admin/");
    }

    @Test
    void onlyThePagesOwnFilesAreServedNeverAClassNorAPathClimbingOut() throws Exception {
        for (String path : new String[] {"/../openapi.json", "/openapi.json", "/AdminApiServlet.class", "/page/app.js",
                "/index.html/", "/APP.JS", "/%2e%2e/openapi.json"}) {
            Answer answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEqualTo("Not found");
        }
    }

    @Test
    void aHeadRequestAnswersTheHeadersWithoutTheBody() throws Exception {
        Answer answer = send("HEAD", "/app.js");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("Content-Type", "text/javascript;charset=UTF-8").containsKey("Content-Length");
        assertThat(answer.body()).isEmpty();
    }

    private static void collect(String text, Pattern pattern, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private Answer get(String pathInfo) throws Exception {
        return send("GET", pathInfo);
    }

    private Answer send(String method, String pathInfo) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getContextPath" -> "";
                    case "getProtocol" -> "HTTP/1.1";
                    case "getHeader", "getParameter" -> null;
                    case "getDateHeader" -> -1L;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        int[] status = {200};
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "containsHeader" -> {
                            return headers.containsKey((String) args[0]);
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
        servlet.service(request, response);
        return new Answer(status[0], headers, body.toString(StandardCharsets.UTF_8));
    }
}
