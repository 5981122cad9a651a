package io.fieldsync.accounting.engine;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import io.fieldsync.accounting.engine.store.CompanyProviders;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.Database;
import io.fieldsync.accounting.engine.store.Installation;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;
import io.fieldsync.accounting.engine.store.PaymentStates;
import io.fieldsync.accounting.engine.store.ProviderBindings;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.SchemaMigrations;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.store.SyncLogStore;
import io.fieldsync.accounting.engine.store.TokenVault;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The engine's durable state: migrates the schema when the {@link DataSource} arrives and hands out
 * the stores over it. Everything else in the engine waits for this service, so nothing runs on an
 * old schema.
 */
@Component(service = EngineStores.class, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class EngineStores {

    private final Journal journal;
    private final CompanyProviders companyProviders;
    private final ProviderBindings providerBindings;
    private final JournalReports reports;
    private final PaymentStates paymentStates;
    private final ConnectionStore connections;
    private final LaneLeases leases;
    private final NodeId node;
    private final SetupStore setup;
    private final CustomerLinks customerLinks;
    private final SyncLogStore syncLog;
    private final Json json = new Json();
    private final Clock clock;
    private final int schemaVersion;
    private final String installationId;

    @Activate
    public EngineStores(@Reference(name = "dataSource", target = "(dataSourceName=accounting)") DataSource dataSource,
                        @Reference EngineClock clock, BundleContext context, EngineConfiguration configuration) {
        this(dataSource, tokenKeyFile(context), clock.clock(), NodeId.of(configuration.node_id()), configuration.token_keys());
    }

    /**
     * Stores over any DataSource, tokens sealed with the key in {@code tokenKeyFile}, times read from {@code clock}, as the
     * node Karaf's name or the host name makes it.
     */
    public EngineStores(DataSource dataSource, Path tokenKeyFile, Clock clock) {
        this(dataSource, tokenKeyFile, clock, NodeId.of(null), null);
    }

    /**
     * Stores of node {@code node} among those sharing the database, tokens sealed with the configured {@code tokenKeys}
     * ({@link TokenVault#configured}; empty or null for the key in {@code tokenKeyFile}).
     */
    public EngineStores(DataSource dataSource, Path tokenKeyFile, Clock clock, NodeId node, String tokenKeys) {
        this.clock = clock;
        this.node = node;
        Database database = new Database(dataSource);
        this.schemaVersion = new SchemaMigrations(database, clock).migrate();
        this.installationId = Installation.identify(database, clock);
        this.companyProviders = new CompanyProviders(database);
        this.journal = new Journal(database, companyProviders, node);
        this.providerBindings = new ProviderBindings(database, companyProviders);
        this.leases = new LaneLeases(database);
        this.reports = new JournalReports(database);
        this.paymentStates = new PaymentStates(database);
        this.connections = new ConnectionStore(database, json, TokenVault.configured(tokenKeys, tokenKeyFile), clock);
        this.setup = new SetupStore(database, json, clock);
        this.customerLinks = new CustomerLinks(database);
        this.syncLog = new SyncLogStore(database);
    }

    /** Switching the provider changes nothing here; without this method DS would restart the component. */
    @Modified
    void modified() {
        // the data source filter is applied by DS itself through the reference's target
    }

    public Journal journal() {
        return journal;
    }

    /** Which provider each company's new documents go to. */
    public CompanyProviders companyProviders() {
        return companyProviders;
    }

    /** Where a company's documents are bound, and the admin's rebind. */
    public ProviderBindings providerBindings() {
        return providerBindings;
    }

    public JournalReports reports() {
        return reports;
    }

    public PaymentStates paymentStates() {
        return paymentStates;
    }

    public ConnectionStore connections() {
        return connections;
    }

    /** Which node serves which company's connection, when several share the database. */
    public LaneLeases leases() {
        return leases;
    }

    /** This node, among those sharing the database. */
    public NodeId node() {
        return node;
    }

    public SetupStore setup() {
        return setup;
    }

    public CustomerLinks customerLinks() {
        return customerLinks;
    }

    public SyncLogStore syncLog() {
        return syncLog;
    }

    public Json json() {
        return json;
    }

    /** The engine's clock: every component reads "now" from it. */
    public Clock clock() {
        return clock;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** This installation's id, part of every idempotency key (see {@link Installation}). */
    public String installationId() {
        return installationId;
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
