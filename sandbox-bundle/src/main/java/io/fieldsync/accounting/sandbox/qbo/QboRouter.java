package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.control.ControlSurface;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.api.CompanyApi;
import io.fieldsync.accounting.sandbox.qbo.identity.OAuthEndpoints;
import io.fieldsync.accounting.sandbox.qbo.wire.QboFaults;
import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends each request to the Intuit host it stands for: appcenter ({@value #AUTHORIZE}), oauth.platform
 * ({@value #TOKEN}), developer.api ({@value #REVOKE}) or quickbooks.api ({@code /v3/company/{realmId}/…}), whichever
 * server carried it. Never throws: a failure of the sandbox itself is answered with QBO's 500 SystemFault.
 */
final class QboRouter {

    static final String AUTHORIZE = "/connect/oauth2";
    static final String TOKEN = "/oauth2/v1/tokens/bearer";
    static final String REVOKE = "/v2/oauth2/tokens/revoke";
    private static final Pattern COMPANY = Pattern.compile("(?i)/v3/company/([^/]+)(/.*)?");
    private static final System.Logger LOG = System.getLogger(QboRouter.class.getName());

    private final OAuthEndpoints oauth;
    private final CompanyApi api;
    private final FaultInjection faults;
    private final Clock clock;
    private volatile ControlSurface control;

    QboRouter(OAuthEndpoints oauth, CompanyApi api, FaultInjection faults, Clock clock) {
        this.oauth = oauth;
        this.api = api;
        this.faults = faults;
        this.clock = clock;
    }

    /**
     * [U] Intuit documents no outage answer for oauth.platform.intuit.com; a 503 with the OAuth error
     * temporarily_unavailable (RFC 6749 §4.1.2.1) is the sandbox's guess.
     */
    private static ApiResponse tokenEndpointUnavailable() {
        return ApiResponse.json(503, SandboxJson.object().put("error", "temporarily_unavailable"));
    }

    /** From now on {@link ControlSurface#PREFIX} is answered by {@code surface} (the standalone sandbox's choice). */
    void serveControlSurface(ControlSurface surface) {
        this.control = surface;
    }

    void serve(CallTransport transport) {
        // Intuit's Java SDK gzips every request body by default (intuit-default-config.xml, message/request/compression),
        // and QBO reads it: bodies are decoded by their Content-Encoding before anything parses them.
        HttpCall call = HttpCall.decodingContentEncoding(transport);
        try {
            String path = call.path();
            Matcher company = COMPANY.matcher(path);
            ControlSurface surface = control;
            if (surface != null && ControlSurface.covers(path)) {
                call.respond(surface.handle(call));
            } else if (path.equals(AUTHORIZE)) {
                call.respond(oauth.authorize(call));
            } else if (path.equals(TOKEN)) {
                if (faults.tokenEndpointDown(clock.instant())) {
                    call.respond(tokenEndpointUnavailable());
                } else {
                    oauth.token(call);
                }
            } else if (path.equals(REVOKE)) {
                call.respond(oauth.revoke(call));
            } else if (company.matches()) {
                api.serve(call, company.group(1), company.group(2) == null ? "" : company.group(2));
            } else {
                call.respond(QboFaults.notFound(path, clock.instant()));
            }
        } catch (Exception e) {
            // A sandbox bug must still look like a vendor failure to the client, and be visible to the developer.
            LOG.log(System.Logger.Level.ERROR, "QBO sandbox failure on " + call.method() + " " + call.path(), e);
            if (!call.answered()) {
                try {
                    call.respond(QboFaults.serverError(500, clock.instant()));
                } catch (Exception ignored) {
                    // the client is gone
                }
            }
        }
    }
}
