package io.fieldsync.accounting.engine.connections;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.StoredConnection;
import io.fieldsync.accounting.engine.store.SyncLogStore;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.LaneId;

/** The engine's side of calls into a provider for one connected company. */
public final class EngineSession implements ProviderSession {

    private final Journal journal;
    private final SyncLogStore syncLog;
    private final ActiveProvider provider;
    private final StoredConnection connection;
    private final TokenRefresher refresher;
    private final Lanes lanes;
    private final LaneId lane;
    private volatile String accessToken;
    private volatile List<DocumentRef> carrying = List.of();

    public EngineSession(Journal journal, SyncLogStore syncLog, ActiveProvider provider, StoredConnection connection,
                         TokenRefresher refresher, Lanes lanes) {
        this.journal = journal;
        this.syncLog = syncLog;
        this.provider = provider;
        this.connection = connection;
        this.refresher = refresher;
        this.lanes = lanes;
        this.lane = new LaneId(connection.company(), provider.id());
        this.accessToken = connection.tokens().accessToken();
    }

    @Override
    public CompanyId company() {
        return connection.company();
    }

    @Override
    public String tenantId() {
        return connection.tenantId();
    }

    @Override
    public String accessToken() {
        return accessToken;
    }

    @Override
    public String refreshedAccessToken(String rejected) {
        accessToken = refresher.refreshedAccessToken(connection.company(), provider, rejected);
        return accessToken;
    }

    /**
     * Runs {@code call}, in which the provider sends {@code documents}: every call it logs meanwhile is linked to each of
     * them, so a batch logged once without a document of its own is found from every document it carried.
     */
    public <T> T carrying(List<DocumentRef> documents, Supplier<T> call) {
        List<DocumentRef> outer = carrying;
        carrying = List.copyOf(documents);
        try {
            return call.get();
        } finally {
            carrying = outer;
        }
    }

    @Override
    public void record(SyncLogEntry call) {
        // every exchange the provider logs is one call against the connection's and the app's budgets
        lanes.called(lane);
        syncLog.append(withCarried(call));
    }

    @Override
    public void recordBatch(SyncLogEntry call, int items) {
        // QuickBooks meters every item of a batch as a call, and the request against its batch limit besides
        lanes.called(lane, Math.max(1, items), true);
        syncLog.append(withCarried(call));
    }

    private SyncLogEntry withCarried(SyncLogEntry call) {
        List<DocumentRef> documents = carrying;
        return documents.isEmpty() || !call.carried().isEmpty() ? call : call.carrying(documents);
    }

    @Override
    public void observe(RateLimitObservation limits) {
        lanes.observe(lane, limits);
    }

    @Override
    public Set<String> claimedByOthers(DocumentRef document, Collection<String> remoteIds) {
        return journal.claimedByOthers(document, provider.id(), remoteIds);
    }
}
