package io.fieldsync.accounting.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * OAuth 2.0 tokens of one connection. The engine stores them encrypted and never logs them;
 * {@link #toString()} masks them so that a stray log line cannot leak one.
 *
 * @param accessToken the bearer token
 * @param refreshToken the refresh token (rotated by both Xero and QuickBooks: always keep the latest)
 * @param accessTokenExpiresAt when the access token expires
 * @param refreshTokenExpiresAt when the refresh token expires, or null if unknown
 */
public record TokenSet(String accessToken, String refreshToken, Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt) {

    /** Validates the parts. */
    public TokenSet {
        Objects.requireNonNull(accessToken, "access token");
        Objects.requireNonNull(refreshToken, "refresh token");
        Objects.requireNonNull(accessTokenExpiresAt, "access token expiry");
    }

    @Override
    public String toString() {
        return "TokenSet[access=***, refresh=***, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshTokenExpiresAt=" + refreshTokenExpiresAt + "]";
    }
}
