package io.fieldsync.accounting.sandbox.xero.identity;

import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.xero.wire.XeroDates;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.time.Clock;
import java.util.Optional;

/** Checks {@code Authorization: Bearer …} on API and connections calls; failures are Xero's 401 bodies. */
public final class BearerAuthentication {

    private final TokenService tokens;
    private final Clock clock;

    public BearerAuthentication(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The caller's token, or the 401 to send. */
    public record Outcome(AccessToken token, ApiResponse refusal) {
    }

    public Outcome authenticate(HttpCall call) {
        Optional<String> header = call.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Outcome(null, XeroErrors.unauthorized("AuthenticationUnsuccessful"));
        }
        Optional<AccessToken> token = tokens.accessToken(header.get().substring(7).trim());
        if (token.isEmpty()) {
            return new Outcome(null, XeroErrors.unauthorized("AuthenticationUnsuccessful"));
        }
        if (token.get().expiredAt(clock.instant())) {
            return new Outcome(null, XeroErrors.unauthorized(
                    "TokenExpired: token expired at " + XeroDates.tokenExpiry(token.get().expiresAt())));
        }
        return new Outcome(token.get(), null);
    }
}
