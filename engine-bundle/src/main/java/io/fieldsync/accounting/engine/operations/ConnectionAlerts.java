package io.fieldsync.accounting.engine.operations;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.sync.HostNotifier;

/**
 * Expires connections and raises the one alert an admin must see. The store's transition from CONNECTED to EXPIRED is
 * made by one conditional update ({@link ConnectionStore#expire}), so of all the documents, passes and nodes that run
 * into a refused grant only the one that made the transition alerts: a WARN line, the host's listeners and the
 * operators' events. The alert lasts until a reconnect, which is announced once too.
 */
public final class ConnectionAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAlerts.class);

    private final ConnectionStore connections;
    private final HostNotifier notifier;
    private final Clock clock;

    public ConnectionAlerts(ConnectionStore connections, HostNotifier notifier, Clock clock) {
        this.connections = connections;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * The accounting system refused the company's grant or the app: the connection becomes EXPIRED with {@code reason}
     * as its last error, and the first to see it alerts.
     *
     * @return whether this call expired it (false when it was expired, disconnected or reconnected already)
     */
    public boolean expired(CompanyId company, String provider, SyncError reason) {
        if (!connections.expire(company, provider, reason)) {
            return false;
        }
        LOG.warn("The {} connection of company {} expired or was revoked: {}. Its documents wait as DISCONNECTED until an "
                + "admin reconnects it (accounting:connect, or Settings → Accounting → Connection); nothing is lost",
                provider, company, reason.detail() == null ? reason.message() : reason.message() + " (" + reason.detail() + ")");
        notifier.connectionExpired(company, provider, reason, clock.instant());
        return true;
    }

    /** An admin connected {@code company} again after its connection to {@code provider} had expired. */
    public void restored(CompanyId company, String provider) {
        LOG.info("The {} connection of company {} was reconnected; its waiting documents are being sent", provider, company);
        notifier.connectionRestored(company, provider, clock.instant());
    }
}
