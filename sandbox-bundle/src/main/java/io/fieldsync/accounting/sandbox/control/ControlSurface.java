package io.fieldsync.accounting.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.InjectedFaults;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.http.QueryString;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The standalone sandbox's own HTTP control, under {@value #PREFIX}: what another process (a chaos run, a script)
 * needs to drive the simulator from outside: arm faults, end the app's access, expire tokens, and read the whole
 * ledger and the count of faults actually injected. It is part of no vendor's API: no Xero or Intuit path starts
 * with {@value #PREFIX}, and a client of the real services never sees it. In-process callers (tests, Karaf's control
 * services) use the sandboxes' Java methods instead; the surface is served only when the sandbox was asked to
 * ({@code serveControlSurface()}, which {@code SandboxMain} does).
 * <p>
 * Every answer is JSON. Actions are {@code POST} with query parameters; reads are {@code GET}.
 */
public final class ControlSurface {

    /** The path below the sandbox's root where the control surface answers. */
    public static final String PREFIX = "/_sandbox";

    private static final Map<String, String> ROUTES = routes();

    private final String vendor;
    private final FaultInjection faults;
    private final Clock clock;
    private final Runnable revokeAccess;
    private final Runnable expireAccessTokens;
    private final Supplier<JsonNode> ledger;

    /**
     * @param vendor             the simulated vendor, for the answers ({@code xero} or {@code qbo})
     * @param revokeAccess       the user ends the app's access (every grant, every connection)
     * @param expireAccessTokens every access token issued so far expires now
     * @param ledger             the whole ledger as JSON, read consistently (under the ledger's locks)
     */
    public ControlSurface(String vendor, FaultInjection faults, Clock clock, Runnable revokeAccess,
                          Runnable expireAccessTokens, Supplier<JsonNode> ledger) {
        this.vendor = Objects.requireNonNull(vendor);
        this.faults = Objects.requireNonNull(faults);
        this.clock = Objects.requireNonNull(clock);
        this.revokeAccess = Objects.requireNonNull(revokeAccess);
        this.expireAccessTokens = Objects.requireNonNull(expireAccessTokens);
        this.ledger = Objects.requireNonNull(ledger);
    }

    /** Whether {@code path} (below the sandbox's root) belongs to the control surface. */
    public static boolean covers(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Answers one control request; a bad parameter is a 400 with the reason, never an exception. */
    public ApiResponse handle(HttpCall call) {
        String action = call.path().substring(PREFIX.length());
        String method = ROUTES.get(action.isEmpty() ? "/" : action);
        if (method == null) {
            return error(404, "no control action " + call.path() + "; GET " + PREFIX + " lists them");
        }
        if (!method.equals(call.method())) {
            return error(405, call.path() + " takes " + method + ", not " + call.method());
        }
        try {
            return ApiResponse.json(200, run(action.isEmpty() ? "/" : action, call.query()));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private JsonNode run(String action, QueryString q) {
        switch (action) {
            case "/" -> {
                ObjectNode index = SandboxJson.object().put("vendor", vendor)
                        .put("note", "sandbox-only control surface; not part of any vendor API");
                ObjectNode actions = index.putObject("actions");
                ROUTES.forEach((path, method) -> actions.put(method + " " + PREFIX + (path.equals("/") ? "" : path),
                        describe(path)));
                return index;
            }
            case "/ledger" -> {
                return ledger.get();
            }
            case "/faults" -> {
                return faultReport();
            }
            case "/faults/error-rate" -> {
                q.first("seed").ifPresent(seed -> faults.reseed(longValue("seed", seed)));
                faults.errorRate(decimal(q, "probability"));
            }
            case "/faults/fail-next" -> faults.failNext(count(q, "calls"), count(q, "status"));
            case "/faults/too-many-requests" -> faults.tooManyRequests(count(q, "calls"),
                    Duration.ofSeconds(q.integer("retryAfterSeconds").orElse(1)));
            case "/faults/drop-after-apply" -> faults.dropConnectionAfterApply(count(q, "writes"));
            case "/faults/late-answer-after-apply" -> faults.answerLateAfterApply(count(q, "writes"),
                    Duration.ofMillis(count(q, "delayMs")));
            case "/faults/latency" -> faults.latency(Duration.ofMillis(count(q, "ms")));
            case "/faults/token-outage" -> faults.tokenEndpointOutage(clock.instant().plusSeconds(count(q, "seconds")));
            case "/faults/reset" -> faults.reset();
            case "/access/revoke" -> revokeAccess.run();
            case "/access/expire-tokens" -> expireAccessTokens.run();
            default -> throw new IllegalStateException("unrouted control action " + action);
        }
        return faultReport().put("done", action.substring(1));
    }

    private ObjectNode faultReport() {
        InjectedFaults injected = faults.injected();
        ObjectNode report = SandboxJson.object().put("vendor", vendor);
        report.putObject("injected")
                .put("serverErrors", injected.serverErrors())
                .put("forcedFailures", injected.forcedFailures())
                .put("tooManyRequests", injected.tooManyRequests())
                .put("droppedAfterApply", injected.droppedAfterApply())
                .put("answeredLateAfterApply", injected.answeredLateAfterApply())
                .put("tokenEndpointRefusals", injected.tokenEndpointRefusals())
                .put("total", injected.total());
        return report;
    }

    private static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("/", "GET");
        routes.put("/ledger", "GET");
        routes.put("/faults", "GET");
        routes.put("/faults/error-rate", "POST");
        routes.put("/faults/fail-next", "POST");
        routes.put("/faults/too-many-requests", "POST");
        routes.put("/faults/drop-after-apply", "POST");
        routes.put("/faults/late-answer-after-apply", "POST");
        routes.put("/faults/latency", "POST");
        routes.put("/faults/token-outage", "POST");
        routes.put("/faults/reset", "POST");
        routes.put("/access/revoke", "POST");
        routes.put("/access/expire-tokens", "POST");
        return routes;
    }

    private static String describe(String path) {
        return switch (path) {
            case "/" -> "this list";
            case "/ledger" -> "the whole ledger as JSON";
            case "/faults" -> "the faults injected so far, by kind";
            case "/faults/error-rate" -> "probability=0..1 [seed=N]: API calls fail with 500 before they are applied";
            case "/faults/fail-next" -> "calls=N status=500|503: the next API calls fail before they are applied";
            case "/faults/too-many-requests" -> "calls=N [retryAfterSeconds=S]: the next API calls are refused with 429";
            case "/faults/drop-after-apply" -> "writes=N: the next writes are applied, then their connection is dropped";
            case "/faults/late-answer-after-apply" -> "writes=N delayMs=D: the next writes are applied, then answered D ms late";
            case "/faults/latency" -> "ms=N: every API call is delayed";
            case "/faults/token-outage" -> "seconds=S: the token endpoint answers 503 for S seconds of sandbox time";
            case "/faults/reset" -> "disarm every fault (the counts stay)";
            case "/access/revoke" -> "the user ends the app's access: refresh tokens die, the API answers 403";
            case "/access/expire-tokens" -> "every access token issued so far expires now (401 until refreshed)";
            default -> "";
        };
    }

    private static int count(QueryString q, String name) {
        String raw = q.first(name).orElseThrow(() -> new IllegalArgumentException("missing parameter " + name));
        int value = (int) longValue(name, raw);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + raw);
        }
        return value;
    }

    private static long longValue(String name, String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + raw);
        }
    }

    private static double decimal(QueryString q, String name) {
        String raw = q.first(name).orElseThrow(() -> new IllegalArgumentException("missing parameter " + name));
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + raw);
        }
    }

    private static ApiResponse error(int status, String message) {
        return ApiResponse.json(status, SandboxJson.object().put("error", message));
    }
}
