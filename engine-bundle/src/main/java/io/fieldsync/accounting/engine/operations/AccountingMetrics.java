package io.fieldsync.accounting.engine.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.SyncLogStore;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.sync.Dispatcher;

/**
 * The metrics MBean, registered by Karaf's JMX whiteboard (the {@code management} feature Karaf boots with carries
 * Aries JMX Whiteboard, which registers every service with a {@code jmx.objectname} property in Karaf's MBeanServer,
 * under its JMX ACLs). A {@link StandardMBean} over an MXBean interface, so the maps reach any JMX client as open types
 * and no class of ours is needed on the client's side. Every read is computed then: no counter to drift.
 */
@Component(service = AccountingMetricsMXBean.class, property = "jmx.objectname=" + AccountingMetrics.OBJECT_NAME)
public class AccountingMetrics extends StandardMBean implements AccountingMetricsMXBean {

    public static final String OBJECT_NAME = "io.fieldsync.accounting:type=Metrics";

    private final JournalReports reports;
    private final SyncLogStore syncLog;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;

    @Activate
    public AccountingMetrics(@Reference JournalReports reports, @Reference SyncLogStore syncLog, @Reference ProviderDirectory directory,
                             @Reference Dispatcher dispatcher) throws NotCompliantMBeanException {
        super(AccountingMetricsMXBean.class, true);
        this.reports = reports;
        this.syncLog = syncLog;
        this.directory = directory;
        this.dispatcher = dispatcher;
    }

    @Override
    public Map<String, Long> getQueueDepthByLane() {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (Map.Entry<LaneId, Long> lane : reports.queueDepthByLane(directory.configuredId()).entrySet()) {
            depths.put(lane.getKey().company().value() + "/" + lane.getKey().provider(), lane.getValue());
        }
        return depths;
    }

    @Override
    public long getQueueDepth() {
        return reports.queueDepthByLane(directory.configuredId()).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<String, Long> getDocumentsByStatus() {
        Map<SyncStatus, Long> counts = reports.countByStatus(null);
        Map<String, Long> byName = new LinkedHashMap<>();
        for (SyncStatus status : SyncStatus.values()) {
            byName.put(status.name(), counts.getOrDefault(status, 0L));
        }
        return byName;
    }

    @Override
    public long getSynced() {
        return reports.countByStatus(null).getOrDefault(SyncStatus.SYNCED, 0L);
    }

    @Override
    public long getFailed() {
        return reports.countByStatus(null).getOrDefault(SyncStatus.FAILED, 0L);
    }

    @Override
    public long getApiCalls() {
        return syncLog.callCounts().calls();
    }

    @Override
    public long getRateLimitedCalls() {
        return syncLog.callCounts().rateLimited();
    }

    @Override
    public long getTokenRefreshes() {
        return dispatcher.tokenRefreshes().succeededCount();
    }

    @Override
    public long getTokenRefreshFailures() {
        return dispatcher.tokenRefreshes().failedCount();
    }

    @Override
    public int getLanesInATurn() {
        return dispatcher.lanesInATurn();
    }
}
