package io.fieldsync.accounting.engine.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.StoredConnection;

/**
 * Refreshes tokens one at a time per connection. Xero and QuickBooks rotate refresh tokens: two
 * concurrent refreshes with the same token end in {@code invalid_grant}, and a new pair that is used
 * before it is stored is lost on a crash. So: lock, re-read, refresh only if nobody did, store, then use.
 */
final class TokenRefresher {

    private final ConnectionStore connections;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    TokenRefresher(ConnectionStore connections) {
        this.connections = connections;
    }

    /**
     * Refreshes the connection's tokens now if its refresh token expires before {@code threshold}, so that a
     * company that syncs nothing for weeks is not disconnected (Xero's refresh tokens lapse after 60 days unused,
     * QuickBooks' after 100).
     *
     * @return the refresh token's new expiry, or empty when nothing was refreshed (not due, not connected)
     * @throws AccountingException CONNECTION_EXPIRED when the refresh token is refused (the connection is marked so)
     */
    Optional<Instant> refreshAhead(CompanyId company, ActiveProvider provider, Instant threshold) {
        ReentrantLock lock = lock(company, provider);
        lock.lock();
        try {
            Optional<StoredConnection> stored = connections.find(company, provider.id())
                    .filter(connection -> connection.state() == ConnectionState.CONNECTED && connection.tokens() != null)
                    .filter(connection -> connection.tokens().refreshTokenExpiresAt() != null
                            && connection.tokens().refreshTokenExpiresAt().isBefore(threshold));
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            TokenSet fresh = refresh(stored.get(), provider);
            return Optional.ofNullable(fresh.refreshTokenExpiresAt());
        } finally {
            lock.unlock();
        }
    }

    /** A fresh access token after {@code rejected} was refused. */
    String refreshedAccessToken(CompanyId company, ActiveProvider provider, String rejected) {
        ReentrantLock lock = lock(company, provider);
        lock.lock();
        try {
            StoredConnection stored = connections.find(company, provider.id())
                    .filter(connection -> connection.tokens() != null)
                    .orElseThrow(() -> new AccountingException(SyncError.of(ErrorCode.NOT_CONNECTED, provider.descriptor().displayName())));
            if (!stored.tokens().accessToken().equals(rejected)) {
                return stored.tokens().accessToken();
            }
            return refresh(stored, provider).accessToken();
        } finally {
            lock.unlock();
        }
    }

    private TokenSet refresh(StoredConnection stored, ActiveProvider provider) {
        TokenSet fresh;
        try {
            fresh = provider.provider().refresh(stored.tokens());
        } catch (AccountingException refused) {
            if (refused.code() == ErrorCode.CONNECTION_EXPIRED) {
                connections.save(stored.with(ConnectionState.EXPIRED, refused.error()));
            }
            throw refused;
        }
        connections.save(stored.withTokens(fresh));
        return fresh;
    }

    private ReentrantLock lock(CompanyId company, ActiveProvider provider) {
        return locks.computeIfAbsent(company.value() + '\u001f' + provider.id(), key -> new ReentrantLock());
    }
}
