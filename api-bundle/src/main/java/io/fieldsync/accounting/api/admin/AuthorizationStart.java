package io.fieldsync.accounting.api.admin;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

import io.fieldsync.accounting.api.CompanyId;

/**
 * Where to send the admin's browser to authorise the connection.
 *
 * @param company the company being connected
 * @param provider the accounting system
 * @param authorizationUrl the accounting system's consent page, with our {@code state}
 * @param state the one-time value the callback must bring back
 * @param expiresAt when the state stops being accepted
 */
public record AuthorizationStart(CompanyId company, String provider, URI authorizationUrl, String state, Instant expiresAt) {

    /** Validates the parts. */
    public AuthorizationStart {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(authorizationUrl, "authorization url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expires at");
    }
}
