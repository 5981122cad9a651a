package io.fieldsync.accounting.api.spi;

import java.net.URI;
import java.util.Map;

import io.fieldsync.accounting.api.AccountingException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The OAuth 2.0 side of an accounting system: consent, code exchange, refresh, revocation. These calls carry no
 * {@link ProviderSession}: they happen before a connection exists, or to its tokens alone.
 *
 * @since 2.0
 */
@ConsumerType
public interface ProviderAuthorization {

    /** The consent URL for the admin's browser, carrying {@code request.state()}. */
    URI authorizationUrl(AuthorizationRequest request);

    /** Exchanges the callback's code for tokens and lists the organisations they reach. */
    AuthorizationGrant exchangeCode(Map<String, String> callbackParameters);

    /**
     * New tokens for {@code current}. The engine calls this one at a time per connection.
     *
     * @throws AccountingException CONNECTION_EXPIRED when the refresh token is refused
     */
    TokenSet refresh(TokenSet current);

    /** Revokes the tokens at the accounting system (best effort: a refusal is not an error). */
    void revoke(TokenSet tokens);

    /**
     * Ends this company's connection to {@code tenantId} at the accounting system, and no other: where one grant
     * reaches several organisations (Xero), only that organisation's connection is removed and the tokens are revoked
     * only when it was the grant's last. Best effort, like {@link #revoke}. The default revokes the tokens.
     *
     * @param tenantId the connected organisation, or null when none was chosen yet
     */
    default void disconnect(TokenSet tokens, String tenantId) {
        revoke(tokens);
    }
}
