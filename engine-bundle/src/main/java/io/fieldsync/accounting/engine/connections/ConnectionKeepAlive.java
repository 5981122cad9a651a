package io.fieldsync.accounting.engine.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.StoredConnection;

/**
 * Keeps quiet connections alive: a refresh token that would lapse within {@link #AHEAD} is used now. Without it a
 * seasonal business that syncs nothing for two months finds itself disconnected (Xero: 60 days unused; QuickBooks:
 * 100 days). A refresh cannot pass QuickBooks' 5-year hard limit: such a connection is refreshed once, logged with
 * the date by which the admin must reconnect, and left alone after that.
 */
public final class ConnectionKeepAlive {

    /** How long before its refresh token lapses a connection is refreshed. */
    static final Duration AHEAD = Duration.ofDays(14);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionKeepAlive.class);

    private final ConnectionStore connections;
    private final ProviderDirectory directory;
    private final TokenRefresher refresher;
    private final Clock clock;
    /** Connections whose refresh token cannot be extended any more, and that final expiry. */
    private final Map<String, Instant> atHardLimit = new ConcurrentHashMap<>();

    public ConnectionKeepAlive(ConnectionStore connections, ProviderDirectory directory, TokenRefresher refresher, Clock clock) {
        this.connections = connections;
        this.directory = directory;
        this.refresher = refresher;
        this.clock = clock;
    }

    /** Refreshes every due connection of every installed provider; returns how many were refreshed. */
    public int run() {
        int refreshed = 0;
        for (ProviderDescriptor descriptor : directory.installed()) {
            Optional<ActiveProvider> provider = directory.provider(descriptor.id());
            if (provider.isEmpty()) {
                continue;
            }
            for (CompanyId company : connections.connectedCompanies(descriptor.id())) {
                refreshed += refreshIfDue(company, provider.get()) ? 1 : 0;
            }
        }
        return refreshed;
    }

    private boolean refreshIfDue(CompanyId company, ActiveProvider provider) {
        String key = company.value() + '\u001f' + provider.id();
        Instant expiry = connections.find(company, provider.id()).map(StoredConnection::tokens)
                .map(tokens -> tokens.refreshTokenExpiresAt()).orElse(null);
        if (expiry == null || expiry.equals(atHardLimit.get(key))) {
            return false;
        }
        Instant threshold = clock.instant().plus(AHEAD);
        try {
            Optional<Instant> next = refresher.refreshAhead(company, provider, threshold);
            next.filter(until -> until.isBefore(threshold)).ifPresent(until -> {
                atHardLimit.put(key, until);
                LOG.warn("The {} connection of company {} cannot be extended past {}: reconnect it before then (Settings → Accounting)",
                        provider.descriptor().displayName(), company, until);
            });
            return next.isPresent();
        } catch (AccountingException refused) {
            // the refresher has logged it and, for a refused grant only, expired the connection; a passing failure is
            // retried at the next round with the same refresh token (which must come within Xero's 30-minute grace
            // should the answer have been lost after Xero rotated the token: see TokenRefresher)
            LOG.debug("Keeping the {} connection of company {} alive failed: {}", provider.descriptor().displayName(), company,
                    refused.getMessage());
            return false;
        } catch (RuntimeException unexpected) {
            LOG.warn("Keeping the {} connection of company {} alive failed; the next round tries again", provider.id(), company,
                    unexpected);
            return false;
        }
    }
}
