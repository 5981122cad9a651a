package io.fieldsync.accounting.engine.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.admin.AccountingHealth;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.HealthReport;
import io.fieldsync.accounting.api.admin.HealthStatus;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.EngineIdentity;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.StoredConnection;
import io.fieldsync.accounting.engine.sync.Dispatcher;

/**
 * Whether the engine can do its work: the journal's database answers, every connection is usable, and no lane with
 * due documents has gone without a turn for longer than {@code lane.stuck.after.s}. An own service rather than a Felix
 * Health Check: Karaf 4.4.10 ships no health-check feature (its standard features have none), and Felix's
 * {@code org.apache.felix.healthcheck.*} bundles would be one more runtime for one check; this service is read by
 * {@code accounting:health} and the admin API's {@code GET /health}, and a Felix HC can wrap it in a few lines.
 *
 * <p>Lanes leased by another node are that node's to report (each node runs its own check); an expired connection
 * is reported once as a connection, its lane is not "stuck" (its documents wait as DISCONNECTED, by design).
 */
@Component(service = AccountingHealth.class, configurationPid = HealthConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HealthConfiguration.class)
public class EngineHealth implements AccountingHealth {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHealth.class);

    private final LaneLeases leases;
    private final ConnectionStore connections;
    private final EngineIdentity identity;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private volatile Duration stuckAfter;

    @Activate
    public EngineHealth(@Reference LaneLeases leases, @Reference ConnectionStore connections, @Reference EngineIdentity identity,
                        @Reference EngineClock clock, @Reference ProviderDirectory directory, @Reference Dispatcher dispatcher,
                        HealthConfiguration configuration) {
        this.leases = leases;
        this.connections = connections;
        this.identity = identity;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.clock = clock.clock();
        modified(configuration);
    }

    @Modified
    void modified(HealthConfiguration configuration) {
        stuckAfter = Duration.ofSeconds(Math.max(10, configuration.lane_stuck_after_s()));
    }

    /** Checks now. Never throws: a check that cannot be made is reported as CRITICAL with why. */
    @Override
    public HealthReport check() {
        Instant now = clock.instant();
        List<HealthReport.Check> checks = new ArrayList<>();
        List<LaneLeases.Lease> live;
        try {
            // a real read of the journal's database (the live leases), not a cached answer
            live = this.leases.live(now);
            checks.add(new HealthReport.Check("database", HealthStatus.OK, "the journal's database answers"));
        } catch (RuntimeException unreachable) {
            LOG.warn("Accounting health: the journal's database does not answer", unreachable);
            checks.add(new HealthReport.Check("database", HealthStatus.CRITICAL,
                    "the journal's database does not answer (" + unreachable + "); nothing can be accepted or sent"));
            return new HealthReport(now, checks);
        }
        checks.addAll(configuration());
        Set<LaneId> expired = new HashSet<>();
        for (StoredConnection connection : connections.all()) {
            HealthReport.Check check = connection(connection);
            checks.add(check);
            if (check.status() == HealthStatus.CRITICAL) {
                expired.add(new LaneId(connection.company(), connection.provider()));
            }
        }
        Set<LaneId> othersLanes = new HashSet<>();
        live.stream().filter(lease -> !lease.owner().equals(identity.node())).forEach(lease -> othersLanes.add(lease.lane()));
        for (LaneId lane : directory.lanesWithDueWork(now)) {
            if (!expired.contains(lane) && !othersLanes.contains(lane)) {
                checks.add(lane(lane, now));
            }
        }
        return new HealthReport(now, checks);
    }

    /**
     * The engine's and each installed provider's configuration: a provider that cannot be used (a secret it cannot
     * decrypt) is CRITICAL, since connecting is refused until it is mended; an engine value that makes no sense is a
     * WARN, since the engine runs on the value the message names instead; endpoints that are not the vendor's own are a
     * WARN, since documents then reach a sandbox or a proxy rather than the real books.
     */
    private List<HealthReport.Check> configuration() {
        List<HealthReport.Check> checks = new ArrayList<>();
        directory.configurationProblems().forEach(problem ->
                checks.add(new HealthReport.Check("configuration engine", HealthStatus.WARN, problem.error().message())));
        for (io.fieldsync.accounting.api.spi.ProviderDescriptor installed : directory.installed()) {
            directory.provider(installed.id()).ifPresent(active -> {
                active.provider().configurationProblems().forEach(problem -> checks.add(new HealthReport.Check(
                        "configuration " + active.id(), HealthStatus.CRITICAL, problem.message())));
                List<String> elsewhere = active.provider().nonVendorEndpoints();
                if (!elsewhere.isEmpty()) {
                    checks.add(new HealthReport.Check("endpoints " + active.id(), HealthStatus.WARN, installed.displayName()
                            + " calls endpoints that are not the vendor's own, so its documents do not reach the real books: "
                            + String.join(", ", elsewhere)));
                }
            });
        }
        return checks;
    }

    private static HealthReport.Check connection(StoredConnection connection) {
        String name = "connection " + connection.company() + "/" + connection.provider();
        return switch (connection.state()) {
            case CONNECTED -> connection.lastError() == null
                    ? new HealthReport.Check(name, HealthStatus.OK, "connected to " + connection.organisationName())
                    : new HealthReport.Check(name, HealthStatus.WARN, "connected to " + connection.organisationName()
                            + ", last error: " + connection.lastError().message());
            case EXPIRED -> new HealthReport.Check(name, HealthStatus.CRITICAL, "expired or revoked"
                    + (connection.lastError() == null ? "" : " (" + connection.lastError().message() + ")")
                    + "; documents wait as DISCONNECTED until an admin reconnects");
            default -> new HealthReport.Check(name, HealthStatus.WARN, connection.state() == ConnectionState.CHOOSING_ORGANISATION
                    ? "waiting for an admin to choose the organisation" : "waiting for an admin to finish connecting ("
                    + connection.state() + ")");
        };
    }

    private HealthReport.Check lane(LaneId lane, Instant now) {
        String name = "lane " + lane.company() + "/" + lane.provider();
        Optional<String> quiet = dispatcher.laneNote(lane.company(), lane.provider());
        if (quiet.isPresent()) {
            return new HealthReport.Check(name, HealthStatus.OK, quiet.get());
        }
        Instant lastTurn = dispatcher.lastTurn(lane).orElse(dispatcher.started());
        if (Duration.between(lastTurn, now).compareTo(stuckAfter) > 0) {
            return new HealthReport.Check(name, HealthStatus.CRITICAL, "documents are due and the lane had no turn since "
                    + lastTurn + " (more than " + stuckAfter.toSeconds() + " s)");
        }
        return new HealthReport.Check(name, HealthStatus.OK, "documents due, last turn " + lastTurn);
    }
}
