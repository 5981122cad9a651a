package io.fieldsync.accounting.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.RoundStores;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.time.ManualClock;
import io.fieldsync.accounting.engine.time.ManualScheduler;

/**
 * The whole engine wired by hand as DS would wire it, over an in-memory H2 database, on a clock the
 * test moves. The dispatcher runs when a test calls {@link #pass()}, or when moving the clock makes a
 * scheduled pass due (the batching delay, a retry): never on its own.
 */
public final class TestEngine implements AutoCloseable {

    /** Where every test engine's clock starts: a fixed day, so that no test depends on today's. */
    public static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    public final ManualClock clock = new ManualClock(START);

    /** A clock standing at {@link #START}, for stores built without a whole engine. */
    public static java.time.Clock fixedClock() {
        return java.time.Clock.fixed(START, java.time.ZoneOffset.UTC);
    }

    public final ManualScheduler scheduler = new ManualScheduler(clock);
    public final DataSource dataSource;
    public final Stores stores;
    public final ProviderDirectory directory;
    public final HostNotifier notifier = new HostNotifier();
    public final Dispatcher dispatcher;
    public final SyncService sync;
    public final ConnectionService connections;
    public final SetupService setup;
    public final io.fieldsync.accounting.engine.admin.DocumentDesk documents;
    public final io.fieldsync.accounting.engine.provider.CompanyProviderService providers;
    public final io.fieldsync.accounting.engine.inbound.RemoteUpdates remoteUpdates;
    public final List<DocumentRef> paymentStatesHeard = new CopyOnWriteArrayList<>();
    public final List<DocumentStatus> heard = new CopyOnWriteArrayList<>();
    /** Renames the host heard, as "hostCustomerId=name". */
    public final List<String> renamesHeard = new CopyOnWriteArrayList<>();
    private final AtomicLong serviceIds = new AtomicLong(100);

    public TestEngine(Path tokenKeyDir, String activeProvider) {
        this(tokenKeyDir, activeProvider, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    public TestEngine(Path tokenKeyDir, String activeProvider, String jdbcUrl) {
        this(tokenKeyDir, activeProvider, jdbcUrl, plain -> plain);
    }

    /** An engine over {@code jdbcUrl} whose stores see the database through {@code wrap} (to make it fail, say). */
    public TestEngine(Path tokenKeyDir, String activeProvider, String jdbcUrl, java.util.function.UnaryOperator<DataSource> wrap) {
        this(tokenKeyDir, activeProvider, wrap.apply(h2(jdbcUrl)));
    }

    /** The engine over any DataSource, e.g. the journal as shipped ({@link ShippedJournal}). */
    public TestEngine(Path tokenKeyDir, String activeProvider, DataSource dataSource) {
        this(tokenKeyDir, activeProvider, dataSource, io.fieldsync.accounting.engine.store.NodeId.of(null), Runnable::run);
    }

    /** One of several nodes sharing {@code dataSource}, as {@code node}. */
    public TestEngine(Path tokenKeyDir, String activeProvider, DataSource dataSource, io.fieldsync.accounting.engine.store.NodeId node) {
        this(tokenKeyDir, activeProvider, dataSource, node, Runnable::run);
    }

    /**
     * The engine whose lanes run on {@code laneWorkers} (real threads, to see one lane hang while another goes on);
     * the other constructors run each lane's turn on the scheduler's thread, one after the other.
     */
    public TestEngine(Path tokenKeyDir, String activeProvider, DataSource dataSource, java.util.concurrent.Executor laneWorkers) {
        this(tokenKeyDir, activeProvider, dataSource, io.fieldsync.accounting.engine.store.NodeId.of(null), laneWorkers);
    }

    private TestEngine(Path tokenKeyDir, String activeProvider, DataSource dataSource, io.fieldsync.accounting.engine.store.NodeId node,
                       java.util.concurrent.Executor laneWorkers) {
        this.dataSource = dataSource;
        stores = Stores.open(dataSource, tokenKeyDir.resolve("token.key"), clock, node, null);
        EngineClock engineClock = new EngineClock(clock);
        directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.engine(activeProvider));
        notifier.addListener(new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
                heard.add(status);
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
                paymentStatesHeard.add(invoice);
            }

            @Override
            public void customerRenamed(CompanyId company, String hostCustomerId, String name) {
                renamesHeard.add(hostCustomerId + "=" + name);
            }
        });
        dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(), clock, directory,
                notifier, Configs.engine(activeProvider), scheduler, laneWorkers);
        sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), engineClock, dispatcher, notifier);
        connections = new ConnectionService(stores.connections(), engineClock, directory, dispatcher);
        setup = new SetupService(stores.setup(), stores.customerLinks(), engineClock, directory, dispatcher);
        documents = new io.fieldsync.accounting.engine.admin.DocumentDesk(stores.journal(), stores.reports(), dispatcher, engineClock);
        providers = new io.fieldsync.accounting.engine.provider.CompanyProviderService(stores.companyProviders(), stores.providerBindings(),
                engineClock, directory, dispatcher, notifier);
        remoteUpdates = new io.fieldsync.accounting.engine.inbound.RemoteUpdates(stores.connections(), stores.paymentStates(),
                stores.setup(), stores.customerLinks(), engineClock, directory, dispatcher, notifier, Configs.engine(activeProvider));
    }


    /** A fresh in-memory H2 database. */
    public static DataSource h2(String jdbcUrl) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(jdbcUrl);
        return dataSource;
    }

    /** Registers a provider service, as a bundle starting would. */
    public ScriptedProvider install(ScriptedProvider provider) {
        provider.clock = clock;
        directory.addProvider(provider, Map.of(ProviderDirectoryProperties.ID, provider.id, "service.id", serviceIds.incrementAndGet()));
        return provider;
    }

    /** Unregisters a provider service, as a bundle stopping would. */
    public void uninstall(ScriptedProvider provider, long serviceId) {
        directory.removeProvider(provider, Map.of(ProviderDirectoryProperties.ID, provider.id, "service.id", serviceId));
    }

    public long lastServiceId() {
        return serviceIds.get();
    }

    /** Switches the active provider, as a Config Admin update would. */
    public void use(String provider) {
        directory.modified(Configs.engine(provider));
    }

    /** Connects a company through the OAuth flow with whatever provider is active. */
    public ConnectionStatus connect(CompanyId company) {
        AuthorizationStart start = connections.beginAuthorization(company);
        return connections.completeAuthorization(Map.of("code", "code-1", "state", start.state()));
    }

    /** Runs dispatch passes until nothing more is handled (at most 20). */
    public void drain() {
        for (int i = 0; i < 20 && dispatcher.passNow() > 0; i++) {
            // keep going: each pass sends one batch per kind and company
        }
        notifier.flush();
    }

    public int pass() {
        return dispatcher.passNow();
    }

    @Override
    public void close() throws Exception {
        remoteUpdates.deactivate();
        dispatcher.deactivate();
        notifier.deactivate();
    }

    /** The service property naming a provider. */
    private static final class ProviderDirectoryProperties {
        static final String ID = io.fieldsync.accounting.api.spi.AccountingProvider.PROVIDER_PROPERTY;
    }
}
