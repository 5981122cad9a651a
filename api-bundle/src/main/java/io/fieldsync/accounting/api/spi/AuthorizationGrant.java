package io.fieldsync.accounting.api.spi;

import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.admin.Organisation;

/**
 * What an authorisation code was exchanged for.
 *
 * @param tokens the tokens
 * @param organisations the organisations the tokens reach (Xero: {@code GET /connections}; QuickBooks: the {@code realmId})
 */
public record AuthorizationGrant(TokenSet tokens, List<Organisation> organisations) {

    /** Validates the parts. */
    public AuthorizationGrant {
        Objects.requireNonNull(tokens, "tokens");
        organisations = List.copyOf(organisations);
    }
}
