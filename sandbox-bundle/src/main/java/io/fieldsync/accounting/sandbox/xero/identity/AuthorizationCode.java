package io.fieldsync.accounting.sandbox.xero.identity;

import java.time.Instant;
import java.util.UUID;

/** A single-use authorization code (5 minutes), with its PKCE challenge when the client sent one. */
record AuthorizationCode(String value, String clientId, String redirectUri, String scope, String userId,
                         UUID authEventId, String codeChallenge, String codeChallengeMethod, Instant expiresAt) {
}
