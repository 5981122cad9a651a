package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.Configs;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.KillableDataSource;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;
import io.fieldsync.accounting.engine.time.ManualClock;

/**
 * Three Karaf nodes on one PostgreSQL journal, each with its own dispatcher thread, node id and view of the database,
 * sending to one accounting system. One is killed in the middle of a call: the others take its companies over once
 * its leases end (on the engine's clock, moved by the test), look up what it was sending, and nothing is sent twice
 * or lost.
 */
class SeveralNodesTest {

    private static final int COMPANIES = 40;
    private static final int DOCUMENTS = 2_000;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String TOKEN_KEYS = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path karafData;

    @AutoClose
    FreshDatabase journal = TestDatabase.POSTGRESQL.fresh();

    private final ManualClock clock = new ManualClock(TestEngine.START);
    private final Remote remote = new Remote();
    private final List<Node> nodes = new ArrayList<>();

    /** The accounting system the nodes share: what was written in it, per document. */
    static final class Remote {
        final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
        final Map<String, String> invoices = new ConcurrentHashMap<>();
        final AtomicInteger lookedUp = new AtomicInteger();
    }

    /** One node's provider bundle talking to the shared accounting system. */
    static final class RemoteProvider extends ScriptedProvider {
        private final Remote remote;
        final AtomicInteger calls = new AtomicInteger();
        /** The call after which this node's JVM dies: it reaches the accounting system, its answer never comes back. */
        volatile int dieOnCall = Integer.MAX_VALUE;
        final CountDownLatch dying = new CountDownLatch(1);

        RemoteProvider(Remote remote) {
            super("xero");
            this.remote = remote;
        }

        @Override
        public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
            List<PushOutcome> outcomes = new ArrayList<>();
            for (InvoicePush push : batch) {
                String document = push.document().company().value() + "/" + push.document().hostId();
                String known = push.reconcileFirst() ? remote.invoices.get(document) : null;
                if (push.reconcileFirst()) {
                    remote.lookedUp.incrementAndGet();
                }
                if (known == null) {
                    // a create: a document written twice counts twice
                    remote.writes.computeIfAbsent(document, key -> new AtomicInteger()).incrementAndGet();
                    known = "inv-" + document;
                    remote.invoices.put(document, known);
                }
                outcomes.add(PushOutcome.synced(push.document(), known, push.invoice().number()));
            }
            if (calls.incrementAndGet() == dieOnCall) {
                dying.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException killed) {
                    Thread.currentThread().interrupt();
                }
                throw new SimulatedKill();
            }
            return outcomes;
        }
    }

    static final class SimulatedKill extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedKill() {
            super("simulated kill -9 while the accounting system's answer was on its way");
        }
    }

    /** One Karaf node: its own stores over its own view of the database, its own dispatcher thread. */
    final class Node {
        final NodeId id;
        final KillableDataSource database;
        final ScheduledExecutorService executor;
        final Stores stores;
        final ProviderDirectory directory;
        final HostNotifier notifier = new HostNotifier();
        final Dispatcher dispatcher;
        final SyncService sync;
        final RemoteProvider provider;

        Node(String name) {
            id = new NodeId(name);
            database = new KillableDataSource(journal.dataSource());
            executor = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "dispatcher-" + name));
            stores = Stores.open(database, karafData.resolve(name).resolve("token.key"), clock, id, TOKEN_KEYS);
            directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.node("xero", 50, LEASE.toSeconds()));
            provider = new RemoteProvider(remote);
            provider.clock = clock;
            directory.addProvider(provider, Map.of(AccountingProvider.PROVIDER_PROPERTY, "xero", "service.id", 100L + nodes.size()));
            dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(), clock,
                    directory, notifier, Configs.node("xero", 50, LEASE.toSeconds()), executor);
            sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), new EngineClock(clock), dispatcher, notifier);
        }

        /** As {@code kill -9}: the database sessions end, the dispatcher's thread stops wherever it was. */
        void kill() {
            database.kill();
            executor.shutdownNow();
        }

        void stop() throws InterruptedException {
            dispatcher.deactivate();
            notifier.deactivate();
        }
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Node node : nodes) {
            if (!node.executor.isShutdown()) {
                node.stop();
            } else {
                node.notifier.deactivate();
            }
        }
    }

    @Test
    @Timeout(600)
    void threeNodesDrainTwoThousandDocumentsAndOneKilledMidDrainLeavesNothingSentTwiceOrMissing() throws Exception {
        for (String name : List.of("node-1", "node-2", "node-3")) {
            nodes.add(new Node(name));
        }
        Node first = nodes.get(0);
        Node doomed = nodes.get(2);
        connectEveryCompany(first);
        doomed.provider.dieOnCall = 8;

        for (int n = 0; n < DOCUMENTS; n++) {
            CompanyId company = CompanyId.of("company-" + n % COMPANIES);
            nodes.get(n % 3).sync.invoiceLocked(company, invoice("I-" + n, customer("C-" + n % 7)));
        }
        assertThat(doomed.provider.dying.await(120, TimeUnit.SECONDS)).as("node 3 got to its fatal call").isTrue();
        Set<LaneId> lanesOfTheDead = lanesHeldBy(doomed.id);
        doomed.kill();
        assertThat(lanesOfTheDead).as("node 3 served companies when it died").isNotEmpty();
        assertThat(sendingRowsOf(doomed.id)).as("node 3 died with documents recorded as being sent").isPositive();

        // the survivors drain everything else, but leave the dead node's companies alone while its leases last
        await(() -> countWhere("status = 'SYNCED'") + rowsOfLanes(lanesOfTheDead) - syncedRowsOfLanes(lanesOfTheDead) == DOCUMENTS);
        assertThat(sendingRowsOf(doomed.id)).as("a live lease keeps its SENDING rows untouched").isPositive();
        assertThat(lanesHeldBy(doomed.id)).containsExactlyInAnyOrderElementsOf(lanesOfTheDead);

        clock.advance(LEASE.plusSeconds(1));
        await(() -> countWhere("status = 'SYNCED'") == DOCUMENTS);

        assertThat(remote.writes).as("every document is in the accounting system").hasSize(DOCUMENTS);
        Map<String, Integer> twice = remote.writes.entrySet().stream().filter(write -> write.getValue().get() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, write -> write.getValue().get()));
        assertThat(twice).as("documents written more than once").isEmpty();
        assertThat(remote.lookedUp.get()).as("the dead node's documents were looked up before any resend").isPositive();
        assertThat(sendingRowsOf(doomed.id)).isZero();
        assertThat(lanesHeldBy(doomed.id)).as("its companies went to the survivors").isEmpty();
        Map<NodeId, Integer> served = new HashMap<>();
        for (Node node : nodes) {
            served.put(node.id, node.provider.calls.get());
        }
        assertThat(served.values()).as("every node took part: %s", served).allMatch(calls -> calls > 0);
    }

    private void connectEveryCompany(Node node) {
        ConnectionService connections = new ConnectionService(node.stores.connections(), new EngineClock(clock), node.directory,
                node.dispatcher);
        SetupService setup = new SetupService(node.stores.setup(), node.stores.customerLinks(), new EngineClock(clock), node.directory,
                node.dispatcher);
        for (int n = 0; n < COMPANIES; n++) {
            CompanyId company = CompanyId.of("company-" + n);
            node.provider.organisations = List.of(new Organisation("tenant-" + n, "Company " + n + " Ltd"));
            AuthorizationStart start = connections.beginAuthorization(company);
            connections.completeAuthorization(Map.of("code", "code-" + n, "state", start.state()));
            setup.saveMappings(company, Samples.completeMappings());
        }
    }

    /** Waits (in real time: three dispatcher threads are working) until {@code done}, at most two minutes. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the nodes did not get there within two minutes");
            }
            Thread.sleep(100);
        }
    }

    private Set<LaneId> lanesHeldBy(NodeId node) {
        return nodes.get(0).stores.leases().live(clock.instant()).stream().filter(lease -> lease.owner().equals(node))
                .map(LaneLeases.Lease::lane).collect(Collectors.toSet());
    }

    private long sendingRowsOf(NodeId node) {
        return count("SELECT COUNT(*) FROM journal WHERE status = 'SENDING' AND sending_node = ?", node.value());
    }

    private long countWhere(String condition) {
        return count("SELECT COUNT(*) FROM journal WHERE " + condition);
    }

    private long rowsOfLanes(Set<LaneId> lanes) {
        return lanes.stream().mapToLong(lane -> count("SELECT COUNT(*) FROM journal WHERE company_id = ?", lane.company().value())).sum();
    }

    private long syncedRowsOfLanes(Set<LaneId> lanes) {
        return lanes.stream().mapToLong(lane -> count("SELECT COUNT(*) FROM journal WHERE company_id = ? AND status = 'SYNCED'",
                lane.company().value())).sum();
    }

    private long count(String sql, String... parameters) {
        try (Connection connection = journal.dataSource().getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
