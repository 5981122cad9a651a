package io.fieldsync.accounting.sandbox.xero.api;

import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.http.IdempotencyCache;
import io.fieldsync.accounting.sandbox.xero.http.RateLimiter;
import io.fieldsync.accounting.sandbox.xero.identity.AccessToken;
import io.fieldsync.accounting.sandbox.xero.identity.BearerAuthentication;
import io.fieldsync.accounting.sandbox.xero.identity.Connections;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisations;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The Accounting API's request pipeline, in the order the real service applies it:
 * bearer token (401) → xero-tenant-id connected to the token's user (403) → the token's scopes (403) → limits
 * (429) → injected faults
 * (429 burst, latency, 500) → Idempotency-Key (replay / conflict) → the endpoint → optionally "drop the
 * connection after apply" or "answer late after apply". Every answer for a tenant carries the remaining-calls headers.
 */
public final class AccountingApi {

    private static final int MAX_IDEMPOTENCY_KEY = 128;

    private final XeroSandboxConfig config;
    private final BearerAuthentication authentication;
    private final Connections connections;
    private final Organisations organisations;
    private final RateLimiter limiter;
    private final IdempotencyCache idempotency;
    private final FaultInjection faults;
    private final Clock clock;
    private final Map<String, Endpoint> routes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public AccountingApi(XeroSandboxConfig config, BearerAuthentication authentication, Connections connections,
                         Organisations organisations, RateLimiter limiter, IdempotencyCache idempotency,
                         FaultInjection faults, Clock clock) {
        this.config = config;
        this.authentication = authentication;
        this.connections = connections;
        this.organisations = organisations;
        this.limiter = limiter;
        this.idempotency = idempotency;
        this.faults = faults;
        this.clock = clock;
        routes.put("Organisation", SettingsEndpoints.ORGANISATION);
        routes.put("Accounts", SettingsEndpoints.ACCOUNTS);
        routes.put("TaxRates", SettingsEndpoints.TAX_RATES);
        routes.put("Items", SettingsEndpoints.ITEMS);
        routes.put("Contacts", new ContactsEndpoint());
        routes.put("Invoices", new InvoicesEndpoint());
        routes.put("CreditNotes", new CreditNotesEndpoint());
        routes.put("Payments", new PaymentsEndpoint());
    }

    /** @param rest the path after /api.xro/2.0, e.g. "/Invoices/{id}" */
    public void serve(HttpCall call, String rest) throws IOException {
        BearerAuthentication.Outcome auth = authentication.authenticate(call);
        if (auth.refusal() != null) {
            call.respond(auth.refusal());
            return;
        }
        AccessToken token = auth.token();
        Optional<Organisation> org = call.header("xero-tenant-id").flatMap(organisations::get)
                .filter(o -> connections.allows(token.clientId(), token.userId(), o.tenantId()));
        if (org.isEmpty()) {
            call.respond(XeroErrors.forbidden().withHeaders(limiter.appHeaders(token.clientId())));
            return;
        }
        String tenantId = org.get().tenantId().toString();
        String collection = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).findFirst().orElse("");
        if (!ScopeRules.allows(token.scope(), collection, call.method())) {
            call.respond(XeroErrors.forbidden().withHeaders(limiter.appHeaders(token.clientId())));
            return;
        }
        OptionalLong forced = faults.takeTooManyRequests();
        if (forced.isPresent()) {
            // A forced breach is a minute breach, so the minute is used up: Xero's SDK classifies a 429 by the
            // remaining counts (XeroApiExceptionHandler: X-MinLimit-Remaining <= 0 → XeroMinuteRateLimitException),
            // as a real minute breach reports them (developer.xero.com/documentation/guides/oauth2/limits).
            Map<String, String> remaining = new HashMap<>(limiter.remaining(token.clientId(), tenantId));
            remaining.put("X-MinLimit-Remaining", "0");
            call.respond(tooManyRequests(RateLimiter.MINUTE, forced.getAsLong(), remaining));
            return;
        }
        RateLimiter.Admission admission = limiter.admit(token.clientId(), tenantId);
        if (!admission.granted()) {
            call.respond(tooManyRequests(admission.problem(), admission.retryAfterSeconds(), admission.headers()));
            return;
        }
        try {
            faults.holdWhileHanging(tenantId);
            pause(faults.latency());
            if (faults.nextCallFails()) {
                call.respond(XeroErrors.serverError().withHeaders(admission.headers()));
                return;
            }
            List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
            ApiRequest request = new ApiRequest(call, segments, org.get(), token, clock.instant(), config.appName());
            Outcome outcome = run(request, tenantId);
            Optional<Duration> late = Optional.empty();
            if (outcome.applied() && isWrite(call)) {
                if (faults.takeDropAfterApply()) {
                    call.dropConnection();
                    return;
                }
                late = faults.takeLateAnswerAfterApply();
            }
            ApiResponse response = outcome.response()
                    .withHeaders(admission.headers())
                    .withHeader("Xero-Correlation-Id", UUID.randomUUID().toString());
            if (late.isPresent()) {
                answerLate(call, response, late.get());
                return;
            }
            call.respond(response);
        } finally {
            admission.release();
        }
    }

    private record Outcome(ApiResponse response, boolean applied) {
    }

    private Outcome run(ApiRequest request, String tenantId) throws IOException {
        Optional<String> key = request.call().header("Idempotency-Key");
        if (!isWrite(request.call()) || key.isEmpty()) {
            return new Outcome(dispatch(request), true);
        }
        if (key.get().length() > MAX_IDEMPOTENCY_KEY) {
            return new Outcome(XeroErrors.requestRefused(
                    "The Idempotency-Key header must be at most " + MAX_IDEMPOTENCY_KEY + " characters."), false);
        }
        IdempotencyCache.Claim claim = idempotency.claim(request.token().clientId(), key.get(),
                fingerprint(request, tenantId));
        if (claim instanceof IdempotencyCache.Replay replay) {
            return new Outcome(replay.response(), false);
        }
        if (claim instanceof IdempotencyCache.Conflict) {
            return new Outcome(XeroErrors.requestRefused(
                    "This Idempotency-Key was already used with a different request."), false);
        }
        IdempotencyCache.Fresh fresh = (IdempotencyCache.Fresh) claim;
        try {
            ApiResponse response = dispatch(request);
            fresh.complete(response);
            return new Outcome(response, true);
        } catch (RuntimeException e) {
            fresh.abandon();
            throw e;
        }
    }

    private ApiResponse dispatch(ApiRequest request) {
        Endpoint endpoint = request.segment(0).map(routes::get).orElse(null);
        if (endpoint == null) {
            return XeroErrors.notFound();
        }
        try {
            return endpoint.handle(request);
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    private static ApiResponse tooManyRequests(String problem, long retryAfterSeconds, Map<String, String> remaining) {
        ApiResponse r = XeroErrors.tooManyRequests(problem)
                .withHeaders(remaining)
                .withHeader("X-Rate-Limit-Problem", problem);
        // Xero names Retry-After for minute and day breaches (developer.xero.com/faq/limits); the sandbox sends it
        // for every limit with a window.
        return RateLimiter.CONCURRENT.equals(problem) ? r : r.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }

    private static boolean isWrite(HttpCall call) {
        return switch (call.method()) {
            case "PUT", "POST", "DELETE" -> true;
            default -> false;
        };
    }

    private static String fingerprint(ApiRequest request, String tenantId) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            HttpCall call = request.call();
            sha.update((tenantId + "\n" + call.method() + "\n" + call.path().toLowerCase() + "\n" + call.rawQuery() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(call.body());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client has usually given up by now (the point of the fault): its absence is no sandbox failure. */
    private static void answerLate(HttpCall call, ApiResponse response, Duration delay) {
        pause(delay);
        try {
            call.respond(response);
        } catch (IOException clientGone) {
            // the client timed out before the answer: its outcome is unknown to it, as intended
        }
    }

    private static void pause(Duration latency) {
        if (latency.isZero() || latency.isNegative()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
