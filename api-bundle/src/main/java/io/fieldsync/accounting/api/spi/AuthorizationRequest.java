package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.CompanyId;

/**
 * The engine's request for a consent URL.
 *
 * @param company the company being connected
 * @param state the one-time value the provider must put in the URL; the callback brings it back
 */
public record AuthorizationRequest(CompanyId company, String state) {

    /** Validates the parts. */
    public AuthorizationRequest {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(state, "state");
    }
}
