package io.fieldsync.accounting.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.bench.BenchConfigs;
import io.fieldsync.accounting.bench.BenchTarget;
import io.fieldsync.accounting.bench.SyncBenchmark;
import io.fieldsync.accounting.demo.DemoScenario;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * Many companies on one provider: its sandbox with the real limits and one organisation (Xero) or company (QuickBooks)
 * per host company, and one engine wired as DS wires it (shipped defaults, polling off) with every company connected
 * through the consent flow and mapped as the demo maps it.
 */
final class Fleet implements AutoCloseable {

    /** A host company and the accounting system's id for it (Xero tenant id, QuickBooks realm id). */
    record Company(CompanyId id, String tenant, ReferenceData reference) {
    }

    private final String provider;
    private final FaultInjection faults;
    private final AutoCloseable sandbox;
    private final HostNotifier notifier = new HostNotifier();
    private final Dispatcher dispatcher;
    private final ConnectionService connections;
    private final SetupService setup;
    final SyncService sync;
    final List<Company> companies = new ArrayList<>();

    private Fleet(String provider, AccountingProvider implementation, FaultInjection faults, AutoCloseable sandbox) throws Exception {
        this.provider = provider;
        this.faults = faults;
        this.sandbox = sandbox;
        Path keys = Files.createTempDirectory("bench-fleet-keys");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:fleet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        EngineStores stores = new EngineStores(dataSource, keys.resolve("token.key"), Clock.systemUTC());
        ProviderDirectory directory = new ProviderDirectory(stores, BenchConfigs.engine(provider));
        this.dispatcher = new Dispatcher(stores, directory, notifier, BenchConfigs.engine(provider));
        directory.addProvider(implementation, Map.of(AccountingProvider.PROVIDER_PROPERTY, provider, "service.id", 1L));
        this.sync = new SyncService(stores, dispatcher, notifier);
        this.connections = new ConnectionService(stores, directory, dispatcher);
        this.setup = new SetupService(stores, directory, dispatcher);
    }

    static Fleet of(String provider, int size) throws Exception {
        return switch (provider) {
            case "xero" -> xero(size);
            case "quickbooks" -> quickBooks(size);
            default -> throw new IllegalArgumentException("no provider " + provider);
        };
    }

    /** Xero: each organisation is the only one ticked on the consent page when its company connects. */
    static Fleet xero(int size) throws Exception {
        XeroSandbox sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient(BenchTarget.CLIENT_ID, BenchTarget.CLIENT_SECRET)
                .withRedirectUris(List.of(BenchTarget.REDIRECT)), SandboxClock.system()).start(0);
        Fleet fleet = new Fleet("xero", BenchTarget.xeroProvider(sandbox), sandbox.faults(), sandbox);
        for (int i = 0; i < size; i++) {
            Organisation org = DemoOrganisation.create(sandbox, "Bench Company " + i);
            sandbox.consentTo(org);
            fleet.connect(CompanyId.of("xero-" + i), org.tenantId().toString());
        }
        return fleet;
    }

    /** QuickBooks: the consent page picks the newest company without a grant, the one just seeded. */
    static Fleet quickBooks(int size) throws Exception {
        QboSandbox sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient(BenchTarget.CLIENT_ID, BenchTarget.CLIENT_SECRET)
                .withRedirectUris(List.of(BenchTarget.REDIRECT)), SandboxClock.system()).start(0);
        Fleet fleet = new Fleet("quickbooks", BenchTarget.quickBooksProvider(sandbox), sandbox.faults(), sandbox);
        for (int i = 0; i < size; i++) {
            String realm = sandbox.seedDemoCompany("Bench Company " + i).realmId();
            fleet.connect(CompanyId.of("quickbooks-" + i), realm);
        }
        return fleet;
    }

    private void connect(CompanyId company, String tenant) throws Exception {
        Map<String, String> callback = SyncBenchmark.consent(connections.beginAuthorization(company).authorizationUrl());
        if (callback.containsKey("realmId") && !tenant.equals(callback.get("realmId"))) {
            throw new IllegalStateException("the consent connected realm " + callback.get("realmId") + ", not " + tenant);
        }
        connections.completeAuthorization(callback);
        ReferenceData reference = setup.referenceData(company);
        setup.saveMappings(company, DemoScenario.mappings(reference));
        companies.add(new Company(company, tenant, reference));
    }

    String provider() {
        return provider;
    }

    void listen(AccountingListener listener) {
        notifier.addListener(listener);
    }

    /** Real-time latency added to every API call of every company from now on. */
    void latency(Duration added) {
        faults.latency(added);
    }

    void hang(Company company) {
        faults.hang(company.tenant());
    }

    /** Lets every held call go on, so that the engine's pass can finish and stop. */
    void releaseAll() {
        companies.forEach(company -> faults.release(company.tenant()));
    }

    @Override
    public void close() throws Exception {
        releaseAll();
        dispatcher.deactivate();
        notifier.deactivate();
        sandbox.close();
    }
}
