package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.http.IdempotencyCache;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.http.QboThrottle;
import io.fieldsync.accounting.sandbox.qbo.identity.BearerCheck;
import io.fieldsync.accounting.sandbox.qbo.ledger.Companies;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.wire.QboFaults;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The request pipeline of {@code /v3/company/{realmId}/…}, in the order the real service applies it: bearer token
 * (401) → company of the grant (403) → throttles (429; a batch costs one per item) → injected faults (429, latency,
 * 500/503) → {@code requestid} (replay of the stored response, no second effect) → the endpoint → optionally "drop
 * the connection after the write was applied" or "answer it late". Every answer carries an {@code intuit_tid} header.
 */
public final class CompanyApi {

    /** Intuit's requestid limits (blog 2015 "requestid"): 50 characters, 36 on a batch. */
    static final int MAX_REQUEST_ID = 50;
    static final int MAX_BATCH_REQUEST_ID = 36;

    private final QboSandboxConfig config;
    private final BearerCheck bearer;
    private final Companies companies;
    private final QboThrottle throttle;
    private final IdempotencyCache requestIds;
    private final FaultInjection faults;
    private final Clock clock;
    private final CompanyEndpoints endpoints;

    public CompanyApi(QboSandboxConfig config, BearerCheck bearer, Companies companies, QboThrottle throttle,
                      IdempotencyCache requestIds, FaultInjection faults, Clock clock) {
        this.config = config;
        this.bearer = bearer;
        this.companies = companies;
        this.throttle = throttle;
        this.requestIds = requestIds;
        this.faults = faults;
        this.clock = clock;
        this.endpoints = new CompanyEndpoints(config, clock);
    }

    /** @param rest the path after /v3/company/{realmId}, e.g. "/invoice/12" */
    public void serve(HttpCall call, String realmId, String rest) throws IOException {
        BearerCheck.Outcome auth = bearer.check(call, realmId);
        if (auth.refusal() != null) {
            call.respond(tagged(auth.refusal()));
            return;
        }
        Optional<Company> company = companies.get(realmId);
        if (company.isEmpty()) {
            call.respond(tagged(QboFaults.forbidden(clock.instant())));
            return;
        }
        try {
            call.body();
        } catch (HttpCall.UnreadableBody unreadable) {
            // [U] Intuit documents no answer for a body that is not in its Content-Encoding; a 400 ValidationFault
            // 2010 like an unparsable body is the sandbox's guess.
            call.respond(tagged(QboFaults.validation(QboFault.request("Error parsing object: "
                    + unreadable.getMessage()), clock.instant())));
            return;
        }
        boolean batch = rest.equalsIgnoreCase("/batch");
        int cost;
        boolean writes = !batch;
        try {
            if (batch) {
                JsonNode items = BatchEndpoint.items(parse(call), config.limits().batchItems());
                cost = items.size();
                writes = BatchEndpoint.writes(items);
            } else {
                cost = 1;
            }
        } catch (QboFault fault) {
            call.respond(tagged(QboFaults.validation(fault, clock.instant())));
            return;
        }
        if (faults.takeTooManyRequests().isPresent()) {
            call.respond(tagged(QboFaults.throttled(clock.instant())));
            return;
        }
        QboThrottle.Admission admission = throttle.admit(auth.token().clientId(), realmId, cost, batch);
        if (admission == null) {
            call.respond(tagged(QboFaults.throttled(clock.instant())));
            return;
        }
        try {
            faults.holdWhileHanging(realmId);
            pause(faults.latency());
            OptionalInt forced = faults.takeForcedFailure();
            if (forced.isPresent() || faults.nextCallFails()) {
                call.respond(tagged(QboFaults.serverError(forced.orElse(500), clock.instant())));
                return;
            }
            Outcome outcome = run(call, company.get(), rest, batch);
            // a batch of queries is a POST that writes nothing, so it is never the write whose answer is lost; and
            // the answer of a write is lost whether the write was applied now or is a replay of one applied before:
            // a client that resends a dropped POST by itself (the JDK's HttpURLConnection does, once) then loses it
            // again when two drops are asked for, which is how a test makes an outcome truly unknown to the client
            if (writes && (outcome.applied() || outcome.replayed()) && call.method().equals("POST") && faults.takeDropAfterApply()) {
                call.dropConnection();
                return;
            }
            Optional<Duration> late = writes && outcome.applied() && call.method().equals("POST")
                    ? faults.takeLateAnswerAfterApply() : Optional.empty();
            if (late.isPresent()) {
                answerLate(call, tagged(outcome.response()), late.get());
                return;
            }
            call.respond(tagged(outcome.response()));
        } finally {
            admission.release();
        }
    }

    private record Outcome(ApiResponse response, boolean applied, boolean replayed) {

        Outcome(ApiResponse response, boolean applied) {
            this(response, applied, false);
        }
    }

    private Outcome run(HttpCall call, Company company, String rest, boolean batch) throws IOException {
        Optional<String> requestId = call.query().first("requestid").filter(id -> !id.isEmpty());
        if (requestId.isEmpty()) {
            return new Outcome(dispatch(call, company, rest), true);
        }
        int max = batch ? MAX_BATCH_REQUEST_ID : MAX_REQUEST_ID;
        if (requestId.get().length() > max) {
            return new Outcome(QboFaults.validation(QboFault.business("requestid must be at most " + max
                    + " characters", "requestid"), clock.instant()), false);
        }
        // QBO replays by requestid alone within a company: every request gets the same fingerprint.
        IdempotencyCache.Claim claim = requestIds.claim(company.realmId(), requestId.get(), "");
        if (claim instanceof IdempotencyCache.Replay replay) {
            return new Outcome(replay.response(), false, true);
        }
        IdempotencyCache.Fresh fresh = (IdempotencyCache.Fresh) claim;
        try {
            ApiResponse response = dispatch(call, company, rest);
            fresh.complete(response);
            return new Outcome(response, true);
        } catch (RuntimeException | IOException e) {
            fresh.abandon();
            throw e;
        }
    }

    private ApiResponse dispatch(HttpCall call, Company company, String rest) throws IOException {
        try {
            synchronized (company) {
                return endpoints.handle(call, company, rest);
            }
        } catch (QboFault fault) {
            return QboFaults.validation(fault, clock.instant());
        }
    }

    static JsonNode parse(HttpCall call) throws IOException {
        byte[] body = call.body();
        if (body.length == 0) {
            return null;
        }
        try {
            return SandboxJson.parse(body);
        } catch (IOException e) {
            throw QboFault.request("Error parsing object: the request body is not JSON");
        }
    }

    private static ApiResponse tagged(ApiResponse response) {
        return response.withHeader("intuit_tid", "1-" + Long.toHexString(System.nanoTime()) + "-"
                + Long.toHexString(Double.doubleToLongBits(Math.random())));
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
