package io.fieldsync.accounting.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

/**
 * The engine's database: migrates the schema when the {@link DataSource} arrives, and only then publishes each store
 * over it as a service of its own ({@link Journal}, {@link ConnectionStore}, ...), and the {@link EngineIdentity}.
 * Components take the stores they use by reference, so none of them can start on an old schema, and all of them stop
 * with the stores when the DataSource goes. It is no service itself: a component activated while the stores are being
 * published (in this constructor) must not need this half-made one. Immediate, as nothing else would activate it.
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

    private final Stores stores;
    private final List<ServiceRegistration<?>> published = new ArrayList<>();

    @Activate
    public EngineDatabase(@Reference(name = "dataSource", target = "(dataSourceName=accounting)") DataSource dataSource,
                          @Reference EngineClock clock, BundleContext context, EngineConfiguration configuration) {
        this.stores = Stores.open(dataSource, tokenKeyFile(context), clock.clock(), NodeId.of(configuration.node_id()),
                configuration.token_keys());
        try {
            publish(context, CompanyProviders.class, stores.companyProviders());
            publish(context, Journal.class, stores.journal());
            publish(context, ProviderBindings.class, stores.providerBindings());
            publish(context, JournalReports.class, stores.reports());
            publish(context, PaymentStates.class, stores.paymentStates());
            publish(context, ConnectionStore.class, stores.connections());
            publish(context, LaneLeases.class, stores.leases());
            publish(context, SetupStore.class, stores.setup());
            publish(context, CustomerLinks.class, stores.customerLinks());
            publish(context, SyncLogStore.class, stores.syncLog());
            publish(context, EngineIdentity.class, stores.identity());
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
    }

    private <T> void publish(BundleContext context, Class<T> type, T store) {
        published.add(context.registerService(type, store, null));
    }

    /** Node id and token keys are read once, at activation; without this method DS would restart the whole engine. */
    @Modified
    void modified() {
        // the data source filter is applied by DS itself through the reference's target
    }

    /** Withdraws the stores, last published first: their users stop before the database is let go. */
    @Deactivate
    void deactivate() {
        for (int i = published.size() - 1; i >= 0; i--) {
            try {
                published.get(i).unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework withdrew it first
            }
        }
        published.clear();
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
