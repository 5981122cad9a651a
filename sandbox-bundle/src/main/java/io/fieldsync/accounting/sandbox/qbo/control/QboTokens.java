package io.fieldsync.accounting.sandbox.qbo.control;

/**
 * What a completed OAuth code exchange hands an app: an access token, a refresh token, the access token's lifetime in
 * seconds, and the company (realm) the grant is for.
 */
public record QboTokens(String accessToken, String refreshToken, long expiresIn, String realmId) {
}
