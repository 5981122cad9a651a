package io.fieldsync.accounting.sandbox.xero.identity;

/**
 * What the token endpoint returns. {@code refreshToken} is null without {@code offline_access},
 * {@code idToken} is null without {@code openid}.
 */
public record TokenSet(String accessToken, String refreshToken, String idToken, long expiresIn, String scope) {
}
