package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.control.ControlSurface;
import io.fieldsync.accounting.sandbox.transport.CallTransport;
import io.fieldsync.accounting.sandbox.xero.api.AccountingApi;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.xero.identity.ConnectionsEndpoint;
import io.fieldsync.accounting.sandbox.xero.identity.IdentityEndpoints;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.time.Clock;
import java.util.Optional;

/**
 * Sends each request to the Xero host it belongs to (login, identity, api: accounting or connections), whichever
 * server carried it. Never throws: a failure of the sandbox itself is answered with Xero's 500 body.
 */
final class XeroRouter {

    private static final System.Logger LOG = System.getLogger(XeroRouter.class.getName());

    private final XeroPaths paths;
    private final IdentityEndpoints identity;
    private final ConnectionsEndpoint connections;
    private final AccountingApi accounting;
    private final FaultInjection faults;
    private final Clock clock;
    private volatile ControlSurface control;

    XeroRouter(XeroPaths paths, IdentityEndpoints identity, ConnectionsEndpoint connections, AccountingApi accounting,
               FaultInjection faults, Clock clock) {
        this.paths = paths;
        this.identity = identity;
        this.connections = connections;
        this.accounting = accounting;
        this.faults = faults;
        this.clock = clock;
    }

    /** From now on {@link ControlSurface#PREFIX} is answered by {@code surface} (the standalone sandbox's choice). */
    void serveControlSurface(ControlSurface surface) {
        this.control = surface;
    }

    void serve(CallTransport transport) {
        HttpCall call = new HttpCall(transport);
        try {
            String path = call.path();
            Optional<String> rest;
            ControlSurface surface = control;
            if (surface != null && ControlSurface.covers(path)) {
                call.respond(surface.handle(call));
            } else if (path.equalsIgnoreCase(paths.authorize())) {
                call.respond(identity.authorize(call));
            } else if (path.equalsIgnoreCase(paths.token())) {
                // [U] Xero documents no outage answer for identity.xero.com; a 503 with the OAuth error
                // temporarily_unavailable (RFC 6749 §4.1.2.1) is the sandbox's guess.
                if (faults.tokenEndpointDown(clock.instant())) {
                    call.respond(XeroErrors.oauth(503, "temporarily_unavailable"));
                } else {
                    identity.token(call);
                }
            } else if (path.equalsIgnoreCase(paths.revocation())) {
                call.respond(identity.revocation(call));
            } else if (path.equalsIgnoreCase(paths.discovery())) {
                call.respond(identity.discovery());
            } else if ((rest = under(path, paths.connections())).isPresent()) {
                call.respond(connections.handle(call, rest.get()));
            } else if ((rest = under(path, paths.accounting())).isPresent()) {
                accounting.serve(call, rest.get());
            } else {
                call.respond(XeroErrors.notFound());
            }
        } catch (Exception e) {
            // A sandbox bug must still look like a vendor failure to the client, and be visible to the developer.
            LOG.log(System.Logger.Level.ERROR, "sandbox failure on " + call.method() + " " + call.path(), e);
            if (!call.answered()) {
                try {
                    call.respond(XeroErrors.serverError());
                } catch (Exception ignored) {
                    // the client is gone
                }
            }
        }
    }

    /** The path below {@code prefix} ("" or "/…"), matched without case as Xero does. */
    private static Optional<String> under(String path, String prefix) {
        if (path.length() < prefix.length() || !path.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = path.substring(prefix.length());
        return rest.isEmpty() || rest.startsWith("/") ? Optional.of(rest) : Optional.empty();
    }
}
