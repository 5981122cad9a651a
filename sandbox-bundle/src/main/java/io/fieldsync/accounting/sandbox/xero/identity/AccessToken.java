package io.fieldsync.accounting.sandbox.xero.identity;

import java.time.Instant;
import java.util.UUID;

/** An issued access token (a JWT on the wire) and whom it speaks for. */
public record AccessToken(String value, String clientId, String userId, UUID authEventId, String scope,
                          Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
