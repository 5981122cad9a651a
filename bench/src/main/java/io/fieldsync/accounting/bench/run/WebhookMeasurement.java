package io.fieldsync.accounting.bench.run;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.h2.jdbcx.JdbcDataSource;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.bench.BenchConfigs;
import io.fieldsync.accounting.bench.BenchTarget;
import io.fieldsync.accounting.bench.SyncBenchmark;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.demo.DemoRegion;
import io.fieldsync.accounting.demo.DemoScenario;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.inbound.RemoteUpdates;
import io.fieldsync.accounting.engine.inbound.WebhookServlet;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
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
 * From a signed webhook delivery reaching the engine's {@code WebhookServlet} to the {@code AccountingListener} being
 * told: invoices synced to the sandbox, which delivers signed webhooks to the servlet over HTTP (Xero after its
 * intent-to-receive validation, QuickBooks with the app's verifier token); then, one at a time, a payment entered in the
 * accounting system's web app on one invoice every 6 s, and the time from the delivery's arrival at the servlet to
 * {@code paymentStateChanged} for that invoice. The engine gathers webhook events for a moment (1 s, so that a burst of
 * payments is one read) before it reads the invoices: that moment is in the number, as a user meets it.
 */
final class WebhookMeasurement {

    private static final CompanyId COMPANY = CompanyId.of("webhooks");
    private static final String XERO_WEBHOOK_KEY = "bench-webhook-signing-key";
    private static final Duration TOLD_WITHIN = Duration.ofSeconds(90);
    /**
     * A bookkeeper's pace, 10 payments a minute: each one costs the engine reads (QuickBooks: batches, 40 a minute
     * allowed; at 20 payments a minute the 14th payment's read met a 429), and a read refused with 429 is left to polling
     * by the engine (RemoteUpdates), which would time the polling interval instead of the webhook path.
     */
    private static final Duration PACE = Duration.ofSeconds(6);

    private WebhookMeasurement() {
    }

    /** The milliseconds from arrival to listener, one per payment. */
    static List<Long> run(String provider, int payments, PrintStream out) throws Exception {
        out.printf("%n[webhook] %s: %d invoices synced, then %d payments entered in the web app one at a time...%n", provider, payments, payments);
        out.flush();
        return switch (provider) {
            case "xero" -> xero(payments);
            case "quickbooks" -> quickBooks(payments);
            default -> throw new IllegalArgumentException("no provider " + provider);
        };
    }

    private static List<Long> xero(int payments) throws Exception {
        try (XeroSandbox sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient(BenchTarget.CLIENT_ID, BenchTarget.CLIENT_SECRET)
                .withRedirectUris(List.of(BenchTarget.REDIRECT)), SandboxClock.system()).start(0)) {
            Organisation org = DemoOrganisation.create(sandbox);
            try (Engine engine = new Engine("xero", BenchTarget.xeroProvider(sandbox, XERO_WEBHOOK_KEY))) {
                if (!sandbox.configureWebhooks(engine.host.url("/xero"), XERO_WEBHOOK_KEY)) {
                    throw new IllegalStateException("the engine's webhook servlet failed Xero's intent-to-receive validation");
                }
                UUID tenant = org.tenantId();
                return engine.measure(payments, (number, day) -> sandbox.enterPayment(tenant, number, BigDecimal.ONE, day, "090"));
            }
        }
    }

    private static List<Long> quickBooks(int payments) throws Exception {
        try (QboSandbox sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient(BenchTarget.CLIENT_ID, BenchTarget.CLIENT_SECRET)
                .withRedirectUris(List.of(BenchTarget.REDIRECT)), SandboxClock.system()).start(0)) {
            String realm = sandbox.seedDemoCompany("FieldSync Demo Company (AU)").realmId();
            try (Engine engine = new Engine("quickbooks", BenchTarget.quickBooksProvider(sandbox))) {
                if (!sandbox.configureWebhooks(engine.host.url("/quickbooks"), sandbox.verifierToken())) {
                    throw new IllegalStateException("the QuickBooks sandbox refused the webhook endpoint");
                }
                return engine.measure(payments, (number, day) -> sandbox.enterPayment(realm, number, BigDecimal.ONE, day));
            }
        }
    }

    /** The engine with its inbound side: remote updates and the webhook servlet served over HTTP. */
    private static final class Engine implements AutoCloseable {
        private final HostNotifier notifier = new HostNotifier();
        private final Dispatcher dispatcher;
        private final RemoteUpdates updates;
        private final SyncService sync;
        private final ConnectionService connections;
        private final SetupService setup;
        private final ServletHost host;
        private final Map<DocumentRef, String> remoteNumbers = new ConcurrentHashMap<>();
        private final Map<DocumentRef, Instant> told = new ConcurrentHashMap<>();

        Engine(String provider, AccountingProvider implementation) throws Exception {
            Path keys = Files.createTempDirectory("bench-webhook-keys");
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:webhooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            Stores stores = Stores.open(dataSource, keys.resolve("token.key"), Clock.systemUTC());
            EngineClock time = new EngineClock(Clock.systemUTC());
            EngineConfiguration configuration = BenchConfigs.engine(provider);
            ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), configuration);
            this.dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(),
                    time.clock(), directory, notifier, configuration);
            directory.addProvider(implementation, Map.of(AccountingProvider.PROVIDER_PROPERTY, provider, "service.id", 1L));
            this.updates = new RemoteUpdates(stores.connections(), stores.paymentStates(), stores.setup(), stores.customerLinks(), time,
                    directory, dispatcher, notifier, configuration);
            this.sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);
            this.connections = new ConnectionService(stores.connections(), time, directory, dispatcher);
            this.setup = new SetupService(stores.setup(), stores.customerLinks(), time, directory, dispatcher);
            this.host = new ServletHost("/accounting/webhooks", new WebhookServlet(directory, updates));
            notifier.addListener(new AccountingListener() {
                @Override
                public void documentChanged(DocumentStatus status) {
                    if (status.status() == SyncStatus.SYNCED && status.remoteNumber() != null) {
                        remoteNumbers.put(status.document(), status.remoteNumber());
                    }
                }

                @Override
                public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
                    told.putIfAbsent(invoice, Instant.now());
                }
            });
        }

        List<Long> measure(int payments, BiConsumer<String, LocalDate> enterPayment) throws Exception {
            connections.completeAuthorization(SyncBenchmark.consent(connections.beginAuthorization(COMPANY).authorizationUrl()));
            ReferenceData reference = setup.referenceData(COMPANY);
            setup.saveMappings(COMPANY, DemoScenario.mappings(reference));
            DemoBook book = new DemoBook(new DemoPlan(3, payments, 0, 0), DemoRegion.of(reference));
            book.invoices().forEach(invoice -> sync.invoiceLocked(COMPANY, invoice));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (remoteNumbers.size() < payments && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            if (remoteNumbers.size() < payments) {
                throw new IllegalStateException("only " + remoteNumbers.size() + " of " + payments + " invoices synced");
            }
            quiet();
            List<Long> millis = new ArrayList<>();
            for (DocumentRef invoice : remoteNumbers.keySet().stream().filter(ref -> ref.kind() == DocumentKind.INVOICE).toList()) {
                Instant entered = Instant.now();
                int before = host.arrivals().size();
                enterPayment.accept(remoteNumbers.get(invoice), LocalDate.now(ZoneOffset.UTC));
                Instant until = Instant.now().plus(TOLD_WITHIN);
                while (!told.containsKey(invoice) && Instant.now().isBefore(until)) {
                    Thread.sleep(5);
                }
                List<Instant> arrivals = host.arrivals();
                if (!told.containsKey(invoice) || arrivals.size() <= before) {
                    throw new IllegalStateException("no webhook reached the listener for invoice " + invoice.hostId() + " within " + TOLD_WITHIN);
                }
                millis.add(Duration.between(arrivals.get(before), told.get(invoice)).toMillis());
                Duration left = PACE.minus(Duration.between(entered, Instant.now()));
                if (!left.isNegative()) {
                    Thread.sleep(left.toMillis());
                }
            }
            return millis;
        }

        /** Lets the deliveries the sync itself caused (invoice CREATE events) arrive, so that they are not taken for a payment's. */
        private void quiet() throws InterruptedException {
            int seen = -1;
            while (seen != host.arrivals().size()) {
                seen = host.arrivals().size();
                Thread.sleep(2_000);
            }
        }

        @Override
        public void close() throws Exception {
            host.close();
            updates.deactivate();
            dispatcher.deactivate();
            notifier.deactivate();
        }
    }
}
