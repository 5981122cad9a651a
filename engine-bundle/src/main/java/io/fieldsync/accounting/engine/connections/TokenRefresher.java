package io.fieldsync.accounting.engine.connections;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.engine.operations.ConnectionAlerts;
import io.fieldsync.accounting.engine.operations.TokenRefreshes;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.StoredConnection;

/**
 * Refreshes tokens one at a time per connection. Xero and QuickBooks rotate refresh tokens: two
 * concurrent refreshes with the same token end in {@code invalid_grant}, and a new pair that is used
 * before it is stored is lost on a crash. So: lock, re-read, refresh only if nobody did, store, then use. The lock is
 * taken in this JVM and then in the database ({@link ConnectionStore#whileRefreshing}), so nodes sharing the journal
 * refresh one connection one at a time too.
 *
 * <p>Only CONNECTION_EXPIRED (the vendor refused the grant or the app: invalid_grant, invalid_client) expires the
 * connection. Any other failure is passing: the connection stays CONNECTED with the tokens it had, the failure is
 * shown as its last error until a refresh works, and the caller's documents wait and are retried.
 *
 * <p>A refresh whose answer was lost (sent, no reply) may have spent the refresh token at the vendor and issued one
 * we never saw. Nothing better than the token sent is known, so it is kept and sent again by the next attempt: Xero
 * accepts the previous refresh token for 30 minutes after a lost answer (api-facts §1.1), QuickBooks' sandbox until its
 * successor is used [U for Intuit itself]. Past that, the vendor answers invalid_grant and the admin must reconnect.
 */
public final class TokenRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    private final ConnectionStore connections;
    private final ConnectionAlerts alerts;
    private final TokenRefreshes counts;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public TokenRefresher(ConnectionStore connections, ConnectionAlerts alerts, TokenRefreshes counts) {
        this.connections = connections;
        this.alerts = alerts;
        this.counts = counts;
    }

    /**
     * Refreshes the connection's tokens now if its refresh token expires before {@code threshold}, so that a
     * company that syncs nothing for weeks is not disconnected (Xero's refresh tokens lapse after 60 days unused,
     * QuickBooks' after 100).
     *
     * @return the refresh token's new expiry, or empty when nothing was refreshed (not due, not connected)
     * @throws AccountingException CONNECTION_EXPIRED when the refresh token is refused (the connection is marked so);
     *                             anything else when the refresh failed for now (the connection stays connected)
     */
    public Optional<Instant> refreshAhead(CompanyId company, ActiveProvider provider, Instant threshold) {
        ReentrantLock lock = lock(company, provider);
        lock.lock();
        try {
            // re-read under the database lock: another node may have refreshed it meanwhile
            return connections.whileRefreshing(company, provider.id(), () -> {
                Optional<StoredConnection> stored = connections.find(company, provider.id())
                        .filter(connection -> connection.state() == ConnectionState.CONNECTED && connection.tokens() != null)
                        .filter(connection -> connection.tokens().refreshTokenExpiresAt() != null
                                && connection.tokens().refreshTokenExpiresAt().isBefore(threshold));
                if (stored.isEmpty()) {
                    return Optional.<Instant>empty();
                }
                TokenSet fresh = refresh(stored.get(), provider);
                return Optional.ofNullable(fresh.refreshTokenExpiresAt());
            });
        } finally {
            lock.unlock();
        }
    }

    /** A fresh access token after {@code rejected} was refused. */
    public String refreshedAccessToken(CompanyId company, ActiveProvider provider, String rejected) {
        ReentrantLock lock = lock(company, provider);
        lock.lock();
        try {
            // the in-JVM lock keeps this node's threads from queueing on the database; the database lock keeps nodes apart
            return connections.whileRefreshing(company, provider.id(), () -> {
                StoredConnection stored = connections.find(company, provider.id())
                        .filter(connection -> connection.tokens() != null)
                        .orElseThrow(() -> new AccountingException(SyncError.of(ErrorCode.NOT_CONNECTED, provider.descriptor().displayName())));
                if (!stored.tokens().accessToken().equals(rejected)) {
                    // another thread or node refreshed since the caller read its token: theirs is the one to use
                    return stored.tokens().accessToken();
                }
                return refresh(stored, provider).accessToken();
            });
        } finally {
            lock.unlock();
        }
    }

    private TokenSet refresh(StoredConnection stored, ActiveProvider provider) {
        TokenSet fresh;
        try {
            fresh = provider.provider().authorization().refresh(stored.tokens());
        } catch (AccountingException refused) {
            counts.failed();
            if (refused.code() == ErrorCode.CONNECTION_EXPIRED) {
                alerts.expired(stored.company(), provider.id(), refused.error());
            } else {
                passing(stored, provider, refused);
            }
            throw refused;
        } catch (RuntimeException broken) {
            counts.failed();
            // a refresh comes before the call it serves is sent: whatever broke, no document is in doubt because of it
            AccountingException passing = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                    provider.descriptor().displayName() + "'s token endpoint").withDetail(broken.toString()), broken);
            passing(stored, provider, passing);
            throw passing;
        }
        counts.succeeded();
        connections.save(stored.withTokens(fresh).with(stored.state(), null));
        return fresh;
    }

    private void passing(StoredConnection stored, ActiveProvider provider, AccountingException failure) {
        LOG.warn("Refreshing the {} tokens of company {} failed for now ({}); the connection stays connected and the next attempt "
                + "sends the same refresh token", provider.id(), stored.company(), failure.getMessage());
        connections.save(stored.with(stored.state(), failure.error()));
    }

    private ReentrantLock lock(CompanyId company, ActiveProvider provider) {
        return locks.computeIfAbsent(company.value() + '\u001f' + provider.id(), key -> new ReentrantLock());
    }
}
