package io.fieldsync.accounting.admin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A caller of the admin servlet as a browser or curl would be, without a server: one cookie jar (its session),
 * optional Basic credentials and CSRF header. Every answer is validated against the served OpenAPI document and the
 * test fails on any deviation; every route answered is recorded.
 */
final class ApiClient {

    static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForInlineApiSpecification(openApiDocument())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                    .build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> OUTSIDE_THE_API = java.util.Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    /** What came back. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }

        String message() {
            return json().path("message").asText();
        }
    }

    private final AdminApiServlet servlet;
    private final List<String> contractViolations;
    private Map<String, Object> session;
    private String authorization;
    private String csrfToken;
    private int sessionIdChanges;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    ApiClient(AdminApiServlet servlet, List<String> contractViolations) {
        this.servlet = servlet;
        this.contractViolations = contractViolations;
    }

    ApiClient basic(String user, String password) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ApiClient withoutCredentials() {
        authorization = null;
        return this;
    }

    /** A header sent on every later call, as the settings page sends X-Requested-With. */
    ApiClient header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    ApiClient csrf(String token) {
        csrfToken = token;
        return this;
    }

    /** Logs in with Basic, keeps the session and its CSRF token, as a settings page or a careful API client does. */
    ApiClient loggedIn(String user, String password) {
        basic(user, password);
        Answer session = get("/session");
        if (session.status() != 200) {
            throw new AssertionError("login failed: " + session);
        }
        csrfToken = session.json().path("csrfToken").asText();
        return this;
    }

    boolean hasSession() {
        return session != null;
    }

    /** A session opened before any login (e.g. by another page of the same web application), as a fixation attack plants. */
    ApiClient withAnonymousSession() {
        session = new HashMap<>();
        return this;
    }

    int sessionIdChanges() {
        return sessionIdChanges;
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, "application/json");
    }

    Answer post(String path) {
        return send("POST", path, null, null);
    }

    Answer post(String path, String body) {
        return send("POST", path, body, "application/json");
    }

    Answer put(String path, String body) {
        return send("PUT", path, body, "application/json");
    }

    Answer send(String method, String pathAndQuery, String body, String contentType) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Map<String, String[]> parameters = query(pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(extraHeaders);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (csrfToken != null) {
            headers.put(CsrfTokens.HEADER, csrfToken);
        }
        ByteArrayInputStream input = new ByteArrayInputStream(bytes);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> URLDecoder.decode(path, StandardCharsets.UTF_8);
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameterMap" -> parameters;
                    case "getContentType" -> body == null ? null : contentType;
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getInputStream" -> new Body(input);
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "isSecure" -> false;
                    case "getSession" -> session(args == null || (Boolean) args[0]);
                    case "changeSessionId" -> {
                        if (session == null) {
                            throw new IllegalStateException("no session");
                        }
                        sessionIdChanges++;
                        yield "session-" + sessionIdChanges;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        int[] status = {200};
        Map<String, String> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        answerHeaders.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setContentType" -> {
                        answerHeaders.put("Content-Type", (String) args[0]);
                        yield null;
                    }
                    case "setCharacterEncoding" -> null;
                    case "getOutputStream" -> new Output(out);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        try {
            servlet.service(request, response);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Answer answer = new Answer(status[0], answerHeaders, out.toString(StandardCharsets.UTF_8));
        ValidationReport report = CONTRACT.validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(answer.status()).withContentType(answerHeaders.get("Content-Type"))
                        .withBody(answer.body()).build());
        // a 404 or 405 answers a path or method the document rightly does not have; its body is still checked below
        report.getMessages().stream().filter(message -> !OUTSIDE_THE_API.contains(message.getKey()))
                .forEach(message -> contractViolations.add(method + " " + pathAndQuery + " -> " + answer.status()
                + ": " + message.getMessage()));
        if (answer.status() >= 400 && !pathAndQuery.equals("/openapi.json")) {
            JsonNode problem = answer.json();
            if (problem.path("status").asInt() != answer.status() || problem.path("message").asText().isBlank()) {
                contractViolations.add(method + " " + pathAndQuery + " -> " + answer.status() + ": not a Problem: " + answer.body());
            }
        }
        return answer;
    }

    private HttpSession session(boolean create) {
        if (session == null && !create) {
            return null;
        }
        if (session == null) {
            session = new HashMap<>();
        }
        Map<String, Object> attributes = session;
        return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "invalidate" -> {
                        attributes.clear();
                        session = null;
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(attributes);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static Map<String, String[]> query(String pathAndQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int at = pathAndQuery.indexOf('?');
        if (at >= 0) {
            for (String pair : pathAndQuery.substring(at + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                values.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
        return Collections.unmodifiableMap(parameters);
    }

    static String openApiDocument() {
        try (var in = AdminApiServlet.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Body extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        Body(ByteArrayInputStream bytes) {
            this.bytes = bytes;
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
            throw new UnsupportedOperationException();
        }
    }

    private static final class Output extends ServletOutputStream {
        private final ByteArrayOutputStream out;

        Output(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
