package io.fieldsync.accounting.sandbox.qbo.identity;

import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.qbo.wire.QboFaults;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer …} against the company in the path: unknown or expired token → 401 (QBO's
 * lower-case AuthenticationFailed body, code 3200); a token of another company or of a revoked grant → 403
 * (AuthorizationFault, code 3100).
 */
public final class BearerCheck {

    private final QboTokenService tokens;
    private final Clock clock;

    public BearerCheck(QboTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The caller's token, or the refusal to send. */
    public record Outcome(QboTokenService.Access token, ApiResponse refusal) {
    }

    public Outcome check(HttpCall call, String realmId) {
        Instant now = clock.instant();
        Optional<String> header = call.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Outcome(null, QboFaults.unauthorized("Token invalid: no bearer token", now));
        }
        String value = header.get().substring(7).trim();
        Optional<QboTokenService.Access> token = tokens.access(value);
        if (token.isEmpty()) {
            return new Outcome(null, QboFaults.unauthorized("Token invalid: " + prefix(value), now));
        }
        if (token.get().expiredAt(now)) {
            return new Outcome(null, QboFaults.unauthorized("Token expired: " + prefix(value), now));
        }
        if (token.get().revoked() || !token.get().realmId().equals(realmId)) {
            return new Outcome(null, QboFaults.forbidden(now));
        }
        return new Outcome(token.get(), null);
    }

    /** Enough of a token to recognise it in a log, never all of it. */
    private static String prefix(String token) {
        return token.substring(0, Math.min(12, token.length())) + "…";
    }
}
