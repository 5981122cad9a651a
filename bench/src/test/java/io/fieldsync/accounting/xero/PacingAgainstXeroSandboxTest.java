package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.bench.BenchConfigs;
import io.fieldsync.accounting.demo.DemoScenario;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.sync.RoundStores;

/**
 * The engine's lanes against the Xero sandbox's own limiter (fixed windows per organisation and per app, as Xero's):
 * pacing by the declared and reported limits must never provoke a 429. The app-wide limit is set low in both the
 * sandbox and the provider's configuration so that a short workload needs several minutes. It lives in the Xero
 * provider's package to hand the provider the sandbox's clock: the engine, the provider and the sandbox share one time,
 * which only the test moves.
 */
class PacingAgainstXeroSandboxTest {

    private static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";
    private static final CompanyId ACME = CompanyId.of("acme");
    // small enough that 200 invoices with 200 new customers (about a dozen calls since payments and contact lookups
    // were cut) still need the app-wide budget to pace them over several minutes
    private static final int APP_PER_MINUTE = 6;

    @TempDir
    Path dir;

    private final SandboxClock clock = SandboxClock.frozenAt(Instant.parse("2026-11-02T09:00:00Z"));
    private XeroSandbox sandbox;
    private Dispatcher dispatcher;
    private HostNotifier notifier;

    @AfterEach
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.deactivate();
        }
        if (notifier != null) {
            notifier.deactivate();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void pacingByTheAppWideBudgetSendsEverythingWithoutOne429FromTheSandbox() throws Exception {
        sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient("fs-client", "fs-secret").withRedirectUris(List.of(REDIRECT))
                .withLimits(XeroSandboxConfig.defaults().limits().withAppPerMinute(APP_PER_MINUTE)), clock).start(0);
        DemoOrganisation.create(sandbox);
        String base = sandbox.baseUrl();
        XeroProvider xero = new XeroProvider(new XeroSettings("fs-client", "fs-secret", REDIRECT, "webhook-key",
                XeroConfiguration.GRANULAR_SCOPES, base + "/login/identity/connect/authorize", base + "/identity", base,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), new XeroAppLimits(XeroAppTier.STARTER, 1000, APP_PER_MINUTE), clock);

        JdbcDataSource journal = new JdbcDataSource();
        journal.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Stores stores = Stores.open(journal, dir.resolve("token.key"), clock);
        EngineClock time = new EngineClock(clock);
        EngineConfiguration engine = BenchConfigs.of(EngineConfiguration.class,
                Map.of("provider", "xero", "dispatch.interval.ms", 3_600_000L, "poll.interval.min", 0));
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), engine);
        notifier = new HostNotifier();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        // the pacing's wake-ups are real-time delays here (the test drives the passes itself): never wait for them
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(), time.clock(),
                directory, notifier, engine, scheduler, Runnable::run);
        directory.addProvider(xero, Map.of(AccountingProvider.PROVIDER_PROPERTY, "xero", "service.id", 1L));
        ConnectionService connections = new ConnectionService(stores.connections(), time, directory, dispatcher);
        SetupService setup = new SetupService(stores.setup(), stores.customerLinks(), time, directory, dispatcher);
        SyncService sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);

        connect(connections);
        setup.saveMappings(ACME, DemoScenario.mappings(setup.referenceData(ACME)));
        // the admin's calls above are not paced (a person waits for them): start the workload in a fresh minute
        clock.advance(Duration.ofMinutes(1));
        Instant workStarts = clock.instant();
        int invoices = 200;
        for (int k = 1; k <= invoices; k++) {
            // a customer per invoice: the contact lookups and creations are calls too
            sync.invoiceLocked(ACME, invoice("I-" + k, new Customer("C-" + k, "Customer " + k, "c" + k + "@example.com", null, null)));
        }

        int minutes = 0;
        while (!allSynced(sync, invoices) && minutes < 30) {
            while (dispatcher.passNow() > 0) {
                // a lane's turn is one batch: keep giving turns while there is work and budget
            }
            clock.advance(Duration.ofSeconds(10));
            minutes = (int) Duration.between(workStarts, clock.instant()).toMinutes();
        }

        List<SyncLogEntry> calls = stores.syncLog().find(new SyncLogQuery(ACME, null, false, workStarts, 1000));
        assertThat(calls).as("calls the sandbox refused for a limit").noneMatch(call -> call.httpStatus() == 429);
        assertThat(allSynced(sync, invoices)).as("every invoice synced").isTrue();
        assertThat(calls.size()).as("enough calls that the app-wide budget had to pace them").isGreaterThan(APP_PER_MINUTE);
        System.out.printf("lanes9 pacing: %d calls for %d invoices in %d sandbox minutes at %d calls a minute, no 429%n",
                calls.size(), invoices, minutes, APP_PER_MINUTE);
    }

    private static boolean allSynced(SyncService sync, int invoices) {
        for (int k = 1; k <= invoices; k++) {
            if (sync.status(DocumentRef.invoice(ACME, "I-" + k)).orElseThrow().status() != SyncStatus.SYNCED) {
                return false;
            }
        }
        return true;
    }

    private static Invoice invoice(String hostId, Customer customer) {
        LocalDate day = LocalDate.of(2026, 11, 2);
        return new Invoice(hostId, hostId, customer, day, day.plusDays(20), Currency.getInstance("NZD"), null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("Labour", new BigDecimal("2"), new BigDecimal("85.00"), ProductCategory.LABOUR, List.of("GST"))),
                "JOB-" + hostId);
    }

    private static void connect(ConnectionService connections) throws Exception {
        URI consent = connections.beginAuthorization(ACME).authorizationUrl();
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(consent).build(), HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(page.headers().firstValue("Location").orElseThrow());
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        connections.completeAuthorization(parameters);
    }
}
