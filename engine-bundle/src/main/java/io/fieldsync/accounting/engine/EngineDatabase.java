package io.fieldsync.accounting.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.fieldsync.accounting.engine.store.CompanyProviders;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.EngineIdentity;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;
import io.fieldsync.accounting.engine.store.PaymentStates;
import io.fieldsync.accounting.engine.store.ProviderBindings;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.store.SyncLogStore;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's database: migrates the schema when the {@link DataSource} arrives, and only then publishes each store
 * over it as a service of its own ({@link Journal}, {@link ConnectionStore}, ...), and the {@link EngineIdentity}.
 * Components take the stores they use by reference, so none of them can start on an old schema, and all of them stop
 * with the stores when the DataSource goes. It is no service itself. Immediate, as nothing else would activate it.
 * <p>
 * The database is opened and migrated, and the stores published, from a thread of their own, after the activation
 * has returned. Registering a store
 * activates its users in the registering thread (Felix SCR), so publishing them from the constructor held this
 * component's SCR activation lock for the whole engine's start. pax-jdbc-config re-creates the DataSource when
 * Karaf's fileinstall re-reads {@code etc/org.ops4j.datasource-accounting.cfg} (just after {@code feature:install}
 * wrote it); SCR then had to deactivate this component from pax-jdbc's thread, could not get the lock within
 * {@code ds.lock.timeout.milliseconds}, gave up with "Could not obtain lock", and the engine stayed on the closed
 * pool ("Pool not open"). Now SCR's lock is held for no work at all (a first install's migration can be long too); a
 * deactivation that comes while a store is being registered waits for that one registration (this component's own
 * lock, no timeout) and then withdraws every store, including one registered after it; one that comes while the
 * database is being opened makes the publisher publish nothing.
 */
// bnd derives a requirement for the service of each @Reference from the component descriptions; these services are
// registered by hand, so the bundle declares their capabilities itself, or Karaf's resolver refuses it
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "CompanyProviders\"", uses = CompanyProviders.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "Journal\"", uses = Journal.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "ProviderBindings\"", uses = ProviderBindings.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "JournalReports\"", uses = JournalReports.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "PaymentStates\"", uses = PaymentStates.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "ConnectionStore\"", uses = ConnectionStore.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "LaneLeases\"", uses = LaneLeases.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "SetupStore\"", uses = SetupStore.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "CustomerLinks\"", uses = CustomerLinks.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "SyncLogStore\"", uses = SyncLogStore.class)
@Capability(namespace = EngineDatabase.SERVICE, attribute = EngineDatabase.STORE + "EngineIdentity\"", uses = EngineIdentity.class)
@Component(service = {}, immediate = true, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class EngineDatabase {

    static final String SERVICE = "osgi.service";
    static final String STORE = "objectClass:List<String>=\"io.fieldsync.accounting.engine.store.";

    private static final Logger LOG = LoggerFactory.getLogger(EngineDatabase.class);

    private final BundleContext context;
    /**
     * Guards {@link #published} and {@link #withdrawn}; held across each registration, so a deactivation waits for it.
     * Fair: a waiting deactivation goes before the publisher's next store, or the whole engine would start first.
     */
    private final ReentrantLock publishing = new ReentrantLock(true);
    private final List<ServiceRegistration<?>> published = new ArrayList<>();
    private boolean withdrawn;

    @Activate
    public EngineDatabase(@Reference(name = "dataSource", target = "(dataSourceName=accounting)") DataSource dataSource,
                          @Reference EngineClock clock, BundleContext context, EngineConfiguration configuration) {
        this(dataSource, clock, context, configuration, EngineDatabase::publishOnAThreadOfItsOwn);
    }

    EngineDatabase(DataSource dataSource, EngineClock clock, BundleContext context, EngineConfiguration configuration,
                   Executor publisher) {
        this.context = context;
        // read here: the configuration and the clock are DS's to hand over, the thread only uses them
        Path tokenKeyFile = tokenKeyFile(context);
        NodeId node = NodeId.of(configuration.node_id());
        String tokenKeys = configuration.token_keys();
        publisher.execute(() -> openAndPublish(() -> Stores.open(dataSource, tokenKeyFile, clock.clock(), node, tokenKeys)));
    }

    private static void publishOnAThreadOfItsOwn(Runnable publishing) {
        Thread thread = new Thread(publishing, "accounting-stores-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void openAndPublish(Supplier<Stores> opening) {
        Stores stores;
        try {
            stores = opening.get();
        } catch (RuntimeException e) {
            if (isWithdrawn()) {
                LOG.info("The journal's DataSource went while the engine's database was being opened ({}); the next one opens it", e.toString());
            } else {
                LOG.error("The engine's database could not be opened or migrated: no engine component starts until it can", e);
            }
            return;
        }
        publishStores(stores);
    }

    private boolean isWithdrawn() {
        publishing.lock();
        try {
            return withdrawn;
        } finally {
            publishing.unlock();
        }
    }

    private void publishStores(Stores stores) {
        try {
            if (publish(CompanyProviders.class, stores.companyProviders())
                    && publish(Journal.class, stores.journal())
                    && publish(ProviderBindings.class, stores.providerBindings())
                    && publish(JournalReports.class, stores.reports())
                    && publish(PaymentStates.class, stores.paymentStates())
                    && publish(ConnectionStore.class, stores.connections())
                    && publish(LaneLeases.class, stores.leases())
                    && publish(SetupStore.class, stores.setup())
                    && publish(CustomerLinks.class, stores.customerLinks())
                    && publish(SyncLogStore.class, stores.syncLog())
                    && publish(EngineIdentity.class, stores.identity())) {
                LOG.debug("The engine's stores are published");
            }
        } catch (RuntimeException e) {
            // the framework refuses registrations once the bundle has stopped (IllegalStateException)
            LOG.info("The engine's stores were not all published ({}); withdrawing those that were", e.toString());
            deactivate();
        }
    }

    /** @return false once the database has been withdrawn: nothing more is published then */
    private <T> boolean publish(Class<T> type, T store) {
        publishing.lock();
        try {
            if (withdrawn) {
                return false;
            }
            ServiceRegistration<T> registration = context.registerService(type, store, null);
            if (withdrawn) {
                // the registration activated a component whose work made the DataSource go, in this very thread
                unregister(registration);
                return false;
            }
            published.add(registration);
            return true;
        } finally {
            publishing.unlock();
        }
    }

    /** Node id and token keys are read once, at activation; without this method DS would restart the whole engine. */
    @Modified
    void modified() {
        // the data source filter is applied by DS itself through the reference's target
    }

    /** Withdraws the stores, last published first: their users stop before the database is let go. */
    @Deactivate
    void deactivate() {
        publishing.lock();
        try {
            withdrawn = true;
            for (int i = published.size() - 1; i >= 0; i--) {
                unregister(published.get(i));
            }
            published.clear();
        } finally {
            publishing.unlock();
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework withdrew it first
        }
    }

    /** The token key lives beside Karaf's data, not in the bundle's own storage, which an uninstall would wipe. */
    private static Path tokenKeyFile(BundleContext context) {
        String karafData = context.getProperty("karaf.data");
        if (karafData != null) {
            return Path.of(karafData, "accounting", "token.key");
        }
        return context.getDataFile("token.key").toPath();
    }
}
