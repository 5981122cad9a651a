package io.fieldsync.accounting.engine.sync;

import java.util.Map;
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

    /** A fresh access token after {@code rejected} was refused. */
    String refreshedAccessToken(CompanyId company, ActiveProvider provider, String rejected) {
        ReentrantLock lock = locks.computeIfAbsent(company.value() + '\u001f' + provider.id(), key -> new ReentrantLock());
        lock.lock();
        try {
            StoredConnection stored = connections.find(company, provider.id())
                    .filter(connection -> connection.tokens() != null)
                    .orElseThrow(() -> new AccountingException(SyncError.of(ErrorCode.NOT_CONNECTED, provider.descriptor().displayName())));
            if (!stored.tokens().accessToken().equals(rejected)) {
                return stored.tokens().accessToken();
            }
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
            return fresh.accessToken();
        } finally {
            lock.unlock();
        }
    }
}
