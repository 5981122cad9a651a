package io.fieldsync.accounting.sandbox.xero.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token. Xero rotates them: each use returns a new one, and the used one stays valid for a grace period
 * (30 minutes) so a client whose response was lost can retry (reference/api-facts.md §1.1). Guarded by the
 * {@link TokenService}'s lock.
 */
final class RefreshToken {

    final String value;
    final String clientId;
    final String userId;
    final UUID authEventId;
    final String scope;
    Instant lastUsed;
    Instant rotatedAt;
    boolean revoked;

    RefreshToken(String value, String clientId, String userId, UUID authEventId, String scope, Instant issued) {
        this.value = value;
        this.clientId = clientId;
        this.userId = userId;
        this.authEventId = authEventId;
        this.scope = scope;
        this.lastUsed = issued;
    }
}
