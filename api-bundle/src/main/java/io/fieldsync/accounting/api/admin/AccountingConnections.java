package io.fieldsync.accounting.api.admin;

import java.util.Map;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.AccountingException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Connecting a company to its accounting system (the one chosen for it, see {@link AccountingProviders}, else the
 * configured one) (OAuth 2.0 authorisation code flow),
 * choosing the organisation, disconnecting, and the connection's status. Each company has its own
 * connection: connecting one never touches another.
 */
@ProviderType
public interface AccountingConnections {

    /**
     * Starts authorisation with the company's provider.
     *
     * @throws AccountingException PROVIDER_UNAVAILABLE when the company has no provider, or it is not installed
     */
    AuthorizationStart beginAuthorization(CompanyId company);

    /**
     * The cookie that carries a browser session's binding secret to the OAuth callback (path {@code /accounting}, so the
     * admin API and the callback both receive it; HttpOnly, SameSite=Lax so the accounting system's redirect brings it).
     *
     * @since 1.2
     */
    String BROWSER_BINDING_COOKIE = "FieldSyncOAuthBinding";

    /**
     * Starts authorisation bound to the admin's browser session: only a callback that brings the same binding secret
     * (the {@link #BROWSER_BINDING_COOKIE} cookie) completes it, so a consent link sent to someone else, or a state
     * begun in another session, cannot connect the company. Only a hash of the secret is stored.
     *
     * @param browserBinding the session's secret, at least 32 characters
     * @since 1.2
     */
    AuthorizationStart beginAuthorization(CompanyId company, String browserBinding);

    /**
     * Completes authorisation from the callback's query parameters ({@code code}, {@code state}, and
     * whatever else the accounting system sends, e.g. {@code realmId}). The state names the company.
     *
     * @throws AccountingException VALIDATION_FAILED for an unknown, used or expired state, or an error callback
     */
    ConnectionStatus completeAuthorization(Map<String, String> callbackParameters);

    /**
     * Completes authorisation as {@link #completeAuthorization(Map)}, from a browser that brought this binding secret
     * (or null). A state begun with a binding and called back without it, or with another, is refused and stays
     * usable by the browser it was begun in.
     *
     * @throws AccountingException AUTHORIZATION_FAILED (field {@code state}) for a state begun in another session
     * @since 1.2
     */
    ConnectionStatus completeAuthorization(Map<String, String> callbackParameters, String browserBinding);

    /** Picks one of the organisations offered after authorisation. */
    ConnectionStatus chooseOrganisation(CompanyId company, String tenantId);

    /** Revokes the tokens and forgets the connection; queued documents wait as DISCONNECTED. */
    ConnectionStatus disconnect(CompanyId company);

    /** The company's connection to its provider. */
    ConnectionStatus status(CompanyId company);
}
