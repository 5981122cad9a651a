package io.fieldsync.accounting.api.spi.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.TokenSet;

/**
 * The engine's side of a session, as plain as the SPI allows, for providers' tests: tokens kept here, refreshed
 * through the provider, calls and limit observations recorded.
 */
public final class TestSession implements ProviderSession {

    public final List<SyncLogEntry> calls = new CopyOnWriteArrayList<>();
    public final List<RateLimitObservation> limits = new CopyOnWriteArrayList<>();
    private final AccountingProvider provider;
    private final String tenantId;
    public volatile TokenSet tokens;
    public volatile Mappings mappings;
    public volatile SyncSettings settings = SyncSettings.defaults();
    public int refreshes;
    /** What the journal would say: remote ids other documents are linked to, by document asking. */
    public final Map<DocumentRef, Set<String>> claimedByOthers = new java.util.concurrent.ConcurrentHashMap<>();

    public TestSession(AccountingProvider provider, TokenSet tokens, String tenantId, Mappings mappings) {
        this.provider = provider;
        this.tokens = tokens;
        this.tenantId = tenantId;
        this.mappings = mappings;
    }

    @Override
    public CompanyId company() {
        return CompanyId.of("acme");
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String accessToken() {
        return tokens.accessToken();
    }

    @Override
    public synchronized String refreshedAccessToken(String rejected) {
        if (!tokens.accessToken().equals(rejected)) {
            return tokens.accessToken();
        }
        refreshes++;
        tokens = provider.refresh(tokens);
        return tokens.accessToken();
    }

    @Override
    public Mappings mappings() {
        return mappings;
    }

    @Override
    public SyncSettings settings() {
        return settings;
    }

    @Override
    public void record(SyncLogEntry call) {
        calls.add(call);
    }

    @Override
    public void observe(RateLimitObservation observation) {
        limits.add(observation);
    }

    @Override
    public Set<String> claimedByOthers(DocumentRef document, Collection<String> remoteIds) {
        Set<String> claimed = new java.util.HashSet<>(claimedByOthers.getOrDefault(document, Set.of()));
        claimed.retainAll(remoteIds);
        return claimed;
    }
}
