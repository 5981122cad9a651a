package io.fieldsync.accounting.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncError;

/**
 * What the admin sees on the connection screen.
 *
 * @param company the company
 * @param provider the active accounting system, or {@code none}
 * @param state the connection state
 * @param organisationName the connected organisation's name, or null
 * @param tenantId the connected organisation's id, or null
 * @param connectedSince when the connection was made, or null
 * @param lastSuccessfulSync when a document last synced, or null
 * @param lastError the last connection-level error, or null
 * @param organisations the organisations to choose from while {@link ConnectionState#CHOOSING_ORGANISATION}, else empty
 */
public record ConnectionStatus(CompanyId company, String provider, ConnectionState state, String organisationName,
                               String tenantId, Instant connectedSince, Instant lastSuccessfulSync, SyncError lastError,
                               List<Organisation> organisations) {

    /** Validates the parts. */
    public ConnectionStatus {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
    }

    /** The status of a company with no connection to {@code provider}. */
    public static ConnectionStatus notConnected(CompanyId company, String provider) {
        return new ConnectionStatus(company, provider, ConnectionState.NOT_CONNECTED, null, null, null, null, null, List.of());
    }
}
