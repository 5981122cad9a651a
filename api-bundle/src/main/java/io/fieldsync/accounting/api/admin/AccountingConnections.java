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
     * Completes authorisation from the callback's query parameters ({@code code}, {@code state}, and
     * whatever else the accounting system sends, e.g. {@code realmId}). The state names the company.
     *
     * @throws AccountingException VALIDATION_FAILED for an unknown, used or expired state, or an error callback
     */
    ConnectionStatus completeAuthorization(Map<String, String> callbackParameters);

    /** Picks one of the organisations offered after authorisation. */
    ConnectionStatus chooseOrganisation(CompanyId company, String tenantId);

    /** Revokes the tokens and forgets the connection; queued documents wait as DISCONNECTED. */
    ConnectionStatus disconnect(CompanyId company);

    /** The company's connection to its provider. */
    ConnectionStatus status(CompanyId company);
}
