package io.fieldsync.accounting.quickbooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.TokenSet;

/** The engine's side of a session, as plain as the SPI allows: tokens kept here, refreshed through the provider. */
final class TestSession implements ProviderSession {

    final List<SyncLogEntry> calls = new CopyOnWriteArrayList<>();
    final List<RateLimitObservation> limits = new CopyOnWriteArrayList<>();
    private final QuickBooksProvider provider;
    private final String tenantId;
    volatile TokenSet tokens;
    volatile Mappings mappings;
    volatile SyncSettings settings = SyncSettings.defaults();
    int refreshes;

    TestSession(QuickBooksProvider provider, TokenSet tokens, String tenantId, Mappings mappings) {
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
}
