package io.fieldsync.accounting.engine.store;

import java.time.Instant;
import java.util.List;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.TokenSet;

/**
 * A company's connection to one accounting system, as stored.
 *
 * @param company the company
 * @param provider the accounting system
 * @param state the connection state
 * @param tenantId the chosen organisation, or null while choosing
 * @param organisationName its name
 * @param organisations what the authorisation reaches (kept while the admin chooses)
 * @param tokens the tokens, or null once disconnected
 * @param connectedSince when it was connected
 * @param lastSyncAt when a document last synced through it
 * @param lastError the last connection-level error
 */
public record StoredConnection(CompanyId company, String provider, ConnectionState state, String tenantId,
                               String organisationName, List<Organisation> organisations, TokenSet tokens,
                               Instant connectedSince, Instant lastSyncAt, SyncError lastError) {

    public StoredConnection {
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
    }

    /** What the admin sees. */
    public ConnectionStatus toStatus() {
        return new ConnectionStatus(company, provider, state, organisationName, tenantId, connectedSince, lastSyncAt,
                lastError, state == ConnectionState.CHOOSING_ORGANISATION ? organisations : List.of());
    }

    /** The same connection in another state, with another last error. */
    public StoredConnection with(ConnectionState newState, SyncError error) {
        return new StoredConnection(company, provider, newState, tenantId, organisationName, organisations, tokens,
                connectedSince, lastSyncAt, error);
    }

    /** The same connection with new tokens. */
    public StoredConnection withTokens(TokenSet newTokens) {
        return new StoredConnection(company, provider, state, tenantId, organisationName, organisations, newTokens,
                connectedSince, lastSyncAt, lastError);
    }
}
