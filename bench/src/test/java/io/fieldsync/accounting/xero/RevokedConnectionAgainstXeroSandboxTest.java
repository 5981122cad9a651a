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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.bench.BenchConfigs;
import io.fieldsync.accounting.demo.DemoScenario;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.sync.RoundStores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.operations.AccountingMetrics;
import io.fieldsync.accounting.engine.operations.ConnectionEvents;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;

/**
 * The user revokes the app in the Xero sandbox (every refresh token dead, every connection gone) while invoices keep
 * coming: the engine, the real Xero provider and the sandbox together raise exactly one alert of each kind, the
 * documents wait as DISCONNECTED, and a reconnect sends them without anyone retrying. In the Xero provider's package to
 * share the sandbox's clock with the provider, as {@link PacingAgainstXeroSandboxTest}.
 */
class RevokedConnectionAgainstXeroSandboxTest {

    private static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";
    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path dir;

    private final SandboxClock clock = SandboxClock.frozenAt(Instant.parse("2026-11-02T09:00:00Z"));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
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
    void aRevokedAppIsOneAlertOfEachKindAndAReconnectSendsWhatWaited() throws Exception {
        sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient("fs-client", "fs-secret").withRedirectUris(List.of(REDIRECT)),
                clock).start(0);
        DemoOrganisation.create(sandbox);
        String base = sandbox.baseUrl();
        XeroProvider xero = new XeroProvider(new XeroSettings("fs-client", "fs-secret", REDIRECT, "webhook-key",
                XeroConfiguration.GRANULAR_SCOPES, base + "/login/identity/connect/authorize", base + "/identity", base,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), new XeroAppLimits(XeroAppTier.STARTER, 1000, 10_000), clock);
        JdbcDataSource journal = new JdbcDataSource();
        journal.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Stores stores = Stores.open(journal, dir.resolve("token.key"), clock);
        EngineClock time = new EngineClock(clock);
        EngineConfiguration engine = BenchConfigs.of(EngineConfiguration.class,
                Map.of("provider", "xero", "dispatch.interval.ms", 3_600_000L, "poll.interval.min", 0));
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), engine);
        notifier = new HostNotifier();
        notifier.addListener(new AlertListener());
        notifier.addConnectionEvents(new ConnectionEvents() {
            @Override
            public void expired(CompanyId company, String provider, SyncError reason, Instant at) {
                events.add("EXPIRED " + company + " " + provider + " " + reason.code());
            }

            @Override
            public void restored(CompanyId company, String provider, Instant at) {
                events.add("RESTORED " + company + " " + provider);
            }
        });
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(), clock,
                directory, notifier, engine, scheduler, Runnable::run);
        directory.addProvider(xero, Map.of(AccountingProvider.PROVIDER_PROPERTY, "xero", "service.id", 1L));
        ConnectionService connections = new ConnectionService(stores.connections(), time, directory, dispatcher);
        SetupService setup = new SetupService(stores.setup(), stores.customerLinks(), time, directory, dispatcher);
        SyncService sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);
        connect(connections);
        setup.saveMappings(ACME, DemoScenario.mappings(setup.referenceData(ACME)));
        sync.invoiceLocked(ACME, invoice("I-1"));
        passes();
        assertThat(status(sync, "I-1")).isEqualTo(SyncStatus.SYNCED);

        sandbox.revokeAccess();
        sandbox.expireAccessTokens();
        for (int k = 2; k <= 4; k++) {
            sync.invoiceLocked(ACME, invoice("I-" + k));
            passes();
            clock.advance(Duration.ofMinutes(11));
            dispatcher.wakeWaiting();
            passes();
        }
        notifier.flush();

        assertThat(heard).containsExactly("expired acme xero");
        assertThat(events).containsExactly("EXPIRED acme xero CONNECTION_EXPIRED");
        assertThat(connections.status(ACME).state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(List.of(status(sync, "I-2"), status(sync, "I-3"), status(sync, "I-4"))).containsOnly(SyncStatus.DISCONNECTED);

        connect(connections);
        passes();
        notifier.flush();

        assertThat(List.of(status(sync, "I-2"), status(sync, "I-3"), status(sync, "I-4"))).containsOnly(SyncStatus.SYNCED);
        assertThat(heard).containsExactly("expired acme xero", "restored acme xero");
        assertThat(events).containsExactly("EXPIRED acme xero CONNECTION_EXPIRED", "RESTORED acme xero");
        assertThat(connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);

        // what an operator's JMX console reads after it all, through an MBeanServer as Karaf's whiteboard registers it
        javax.management.MBeanServer server = javax.management.MBeanServerFactory.newMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName(AccountingMetrics.OBJECT_NAME);
        server.registerMBean(new AccountingMetrics(stores.reports(), stores.syncLog(), directory, dispatcher), name);
        assertThat(server.getAttribute(name, "Synced")).isEqualTo(4L);
        assertThat(server.getAttribute(name, "QueueDepth")).isEqualTo(0L);
        assertThat((Long) server.getAttribute(name, "ApiCalls")).as("the Xero provider's calls, from the sync log").isPositive();
        assertThat(server.getAttribute(name, "RateLimitedCalls")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "TokenRefreshFailures")).as("the refused refresh").isEqualTo(1L);
    }

    private final class AlertListener implements AccountingListener {
        @Override
        public void documentChanged(DocumentStatus status) {
        }

        @Override
        public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
        }

        @Override
        public void connectionExpired(CompanyId company, String provider, SyncError reason) {
            heard.add("expired " + company + " " + provider);
        }

        @Override
        public void connectionRestored(CompanyId company, String provider) {
            heard.add("restored " + company + " " + provider);
        }
    }

    private void passes() {
        for (int i = 0; i < 20 && dispatcher.passNow() > 0; i++) {
            // a lane's turn is one batch: keep giving turns while there is work
        }
    }

    private static SyncStatus status(SyncService sync, String invoice) {
        return sync.status(DocumentRef.invoice(ACME, invoice)).orElseThrow().status();
    }

    private static Invoice invoice(String hostId) {
        LocalDate day = LocalDate.of(2026, 11, 2);
        return new Invoice(hostId, hostId, new Customer("C-" + hostId, "Customer " + hostId, hostId + "@example.com", null, null),
                day, day.plusDays(20), Currency.getInstance("NZD"), null, AmountType.TAX_EXCLUSIVE,
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
