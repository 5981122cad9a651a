package io.fieldsync.accounting.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.CompanyProviderService;
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
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.sync.RoundStores;

/**
 * Many companies in one engine, each on the accounting system it chose (a provider per company, through
 * {@link CompanyProviderService}): per provider its sandbox with the real limits and one organisation (Xero) or company
 * (QuickBooks) per host company; the engine wired as DS wires it (shipped defaults, polling off) with both providers
 * installed and every company connected through the consent flow and mapped as the demo maps it.
 */
final class Fleet implements AutoCloseable {

    /** A host company, the provider it chose and the accounting system's id for it (Xero tenant id, QuickBooks realm id). */
    record Company(CompanyId id, String provider, String tenant, ReferenceData reference) {
    }

    private final Map<String, FaultInjection> faults = new LinkedHashMap<>();
    private final List<AutoCloseable> sandboxes = new ArrayList<>();
    private final HostNotifier notifier = new HostNotifier();
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final ConnectionService connections;
    private final SetupService setup;
    private final CompanyProviderService choices;
    final SyncService sync;
    final List<Company> companies = new ArrayList<>();

    private Fleet(String configured) throws Exception {
        Path keys = Files.createTempDirectory("bench-fleet-keys");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:fleet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Stores stores = Stores.open(dataSource, keys.resolve("token.key"), Clock.systemUTC());
        EngineClock time = new EngineClock(Clock.systemUTC());
        this.directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), BenchConfigs.engine(configured));
        this.dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(),
                time.clock(), directory, notifier, BenchConfigs.engine(configured));
        this.sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);
        this.connections = new ConnectionService(stores.connections(), time, directory, dispatcher);
        this.setup = new SetupService(stores.setup(), stores.customerLinks(), time, directory, dispatcher);
        this.choices = new CompanyProviderService(stores.companyProviders(), stores.providerBindings(), time, directory, dispatcher,
                notifier);
    }

    /** One engine with every provider of {@code providers} installed and {@code perProvider} companies choosing each. */
    static Fleet of(List<String> providers, int perProvider) throws Exception {
        Fleet fleet = new Fleet(providers.get(0));
        try {
            long serviceId = 1;
            for (String provider : providers) {
                switch (provider) {
                    case "xero" -> fleet.xero(perProvider, serviceId++);
                    case "quickbooks" -> fleet.quickBooks(perProvider, serviceId++);
                    default -> throw new IllegalArgumentException("no provider " + provider);
                }
            }
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    /** Xero: each organisation is the only one ticked on the consent page when its company connects. */
    private void xero(int size, long serviceId) throws Exception {
        XeroSandbox sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient(BenchTarget.CLIENT_ID, BenchTarget.CLIENT_SECRET)
                .withRedirectUris(List.of(BenchTarget.REDIRECT)), SandboxClock.system()).start(0);
        install("xero", BenchTarget.xeroProvider(sandbox), sandbox.faults(), sandbox, serviceId);
        for (int i = 0; i < size; i++) {
            Organisation org = DemoOrganisation.create(sandbox, "Bench Company " + i);
            sandbox.consentTo(org);
            connect(CompanyId.of("xero-" + i), "xero", org.tenantId().toString());
        }
    }

    /** QuickBooks: the consent page picks the newest company without a grant, the one just seeded. */
    private void quickBooks(int size, long serviceId) throws Exception {
        QboSandbox sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient(BenchTarget.CLIENT_ID, BenchTarget.CLIENT_SECRET)
                .withRedirectUris(List.of(BenchTarget.REDIRECT)), SandboxClock.system()).start(0);
        install("quickbooks", BenchTarget.quickBooksProvider(sandbox), sandbox.faults(), sandbox, serviceId);
        for (int i = 0; i < size; i++) {
            String realm = sandbox.seedDemoCompany("Bench Company " + i).realmId();
            connect(CompanyId.of("quickbooks-" + i), "quickbooks", realm);
        }
    }

    private void install(String provider, AccountingProvider implementation, FaultInjection injection, AutoCloseable sandbox, long serviceId) {
        sandboxes.add(sandbox);
        faults.put(provider, injection);
        directory.addProvider(implementation, Map.of(AccountingProvider.PROVIDER_PROPERTY, provider, "service.id", serviceId));
    }

    private void connect(CompanyId company, String provider, String tenant) throws Exception {
        choices.choose(company, provider, "bench");
        Map<String, String> callback = SyncBenchmark.consent(connections.beginAuthorization(company).authorizationUrl());
        if (callback.containsKey("realmId") && !tenant.equals(callback.get("realmId"))) {
            throw new IllegalStateException("the consent connected realm " + callback.get("realmId") + ", not " + tenant);
        }
        connections.completeAuthorization(callback);
        ReferenceData reference = setup.referenceData(company);
        setup.saveMappings(company, DemoScenario.mappings(reference));
        companies.add(new Company(company, provider, tenant, reference));
    }

    /** Which provider each company uses, as the engine sees it (not as the fleet meant it). */
    Map<String, Long> companiesPerProvider() {
        Map<String, Long> counts = new LinkedHashMap<>();
        companies.forEach(company -> counts.merge(choices.provider(company.id()).provider(), 1L, Long::sum));
        return counts;
    }

    /** How many lane workers are in a turn right now. */
    int lanesInATurn() {
        return dispatcher.lanesInATurn();
    }

    void listen(AccountingListener listener) {
        notifier.addListener(listener);
    }

    /** Real-time latency added to every API call of every company of every provider from now on. */
    void latency(Duration added) {
        faults.values().forEach(injection -> injection.latency(added));
    }

    void hang(Company company) {
        faults.get(company.provider()).hang(company.tenant());
    }

    /** Lets every held call go on, so that the engine's pass can finish and stop. */
    void releaseAll() {
        companies.forEach(company -> faults.get(company.provider()).release(company.tenant()));
    }

    @Override
    public void close() throws Exception {
        releaseAll();
        dispatcher.deactivate();
        notifier.deactivate();
        for (AutoCloseable sandbox : sandboxes) {
            sandbox.close();
        }
    }
}
