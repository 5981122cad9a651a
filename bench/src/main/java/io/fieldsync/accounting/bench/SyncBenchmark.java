package io.fieldsync.accounting.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.h2.jdbcx.JdbcDataSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoRegion;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.sync.RoundStores;

/**
 * The engine and each provider, wired as DS wires them, against that provider's sandbox with the real
 * service's limits. For each plan it reports the exact number of calls per synced document (the number
 * that counts: it is what the limits and the metered budgets are spent on) and the time to drain the
 * queue, median over the runs.
 *
 * <pre>mvn -B -ntp -q -pl bench compile exec:java [-Dexec.args="--runs 3 --scale 5 --provider xero|quickbooks|both"]</pre>
 */
public final class SyncBenchmark {

    private static final Set<SyncStatus> QUEUED = EnumSet.copyOf(java.util.Arrays.stream(SyncStatus.values()).filter(SyncStatus::isQueued).toList());

    /** What one run measured. */
    /** What one run measured; {@code callsInOrder} is every call as {@code "<operation> <http status>"}, oldest first. */
    public record Run(int documents, int synced, int calls, Map<String, Integer> callsByOperation, List<String> callsInOrder, Duration drain) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
        int scale = Integer.parseInt(options.getOrDefault("--scale", "5"));
        List<DemoPlan> plans = List.of(DemoPlan.standard(), new DemoPlan(30 * scale, 100 * scale, 40 * scale, 5 * scale));
        String which = options.getOrDefault("--provider", "both");
        List<Supplier<BenchTarget>> targets = switch (which) {
            case "xero" -> List.of(BenchTarget::xero);
            case "quickbooks" -> List.of(BenchTarget::quickBooks);
            case "both" -> List.of(BenchTarget::xero, BenchTarget::quickBooks);
            default -> throw new IllegalArgumentException("--provider takes xero, quickbooks or both, not " + which);
        };
        for (Supplier<BenchTarget> target : targets) {
            for (DemoPlan plan : plans) {
                List<Run> results = new ArrayList<>();
                String header = null;
                for (int i = 0; i < runs; i++) {
                    try (BenchTarget started = target.get()) {
                        header = "%s provider against its sandbox (%s), %d runs".formatted(started.id(), started.limits(), runs);
                        results.add(run(started, plan));
                    }
                }
                print(header, plan, results);
            }
        }
    }

    public static Run run(BenchTarget target, DemoPlan plan) throws Exception {
        return run(target, plan, BenchConfigs.engine(target.id()));
    }

    /** One run with the engine configured as {@code engine} says. */
    public static Run run(BenchTarget target, DemoPlan plan, io.fieldsync.accounting.engine.EngineConfiguration engine) throws Exception {
        Path keys = Files.createTempDirectory("bench-keys");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Stores stores = Stores.open(dataSource, keys.resolve("token.key"), java.time.Clock.systemUTC());
        EngineClock time = new EngineClock(java.time.Clock.systemUTC());
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), engine);
        HostNotifier notifier = new HostNotifier();
        Dispatcher dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(),
                time.clock(), directory, notifier, engine);
        directory.addProvider(target.provider(), Map.of(AccountingProvider.PROVIDER_PROPERTY, target.id(), "service.id", 1L));
        SyncService sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);
        ConnectionService connections = new ConnectionService(stores.connections(), time, directory, dispatcher);
        SetupService setup = new SetupService(stores.setup(), stores.customerLinks(), time, directory, dispatcher);
        CompanyId company = CompanyId.of("bench");
        try {
            Map<String, String> callback = consent(connections.beginAuthorization(company).authorizationUrl());
            connections.completeAuthorization(callback);
            ReferenceData reference = setup.referenceData(company);
            setup.saveMappings(company, io.fieldsync.accounting.demo.DemoScenario.mappings(reference));

            Instant start = Instant.now();
            DemoBook book = new DemoBook(plan, DemoRegion.of(reference));
            book.submitTo(sync, company);
            while (sync.documents(new DocumentQuery(company, QUEUED, Set.of(), 0, 1)).total() > 0) {
                Thread.sleep(100);
            }
            Duration drain = Duration.between(start, Instant.now());
            int documents = plan.invoices() + plan.payments() + plan.cancellations();
            int synced = (int) sync.documents(new DocumentQuery(company, Set.of(SyncStatus.SYNCED), Set.of(), 0, 1)).total();
            List<SyncLogEntry> calls = sync.syncLog(new SyncLogQuery(company, null, false, start, 1000));
            Map<String, Integer> byOperation = new TreeMap<>();
            calls.forEach(call -> byOperation.merge(call.operation() + " " + call.httpStatus(), 1, Integer::sum));
            // the log answers newest first; the order of the calls is what tells a split batch from a late one
            List<String> inOrder = new ArrayList<>(calls.stream().map(call -> call.operation() + " " + call.httpStatus()).toList());
            java.util.Collections.reverse(inOrder);
            return new Run(documents, synced, calls.size(), byOperation, List.copyOf(inOrder), drain);
        } finally {
            dispatcher.deactivate();
            notifier.deactivate();
        }
    }

    private static void print(String header, DemoPlan plan, List<Run> runs) {
        List<Duration> drains = runs.stream().map(Run::drain).sorted().toList();
        Run first = runs.get(0);
        System.out.printf("%n%s%nPlan: %d invoices for %d customers, %d payments, %d cancellations (%d documents)%n",
                header, plan.invoices(), plan.customers(), plan.payments(), plan.cancellations(), first.documents());
        for (Run run : runs) {
            System.out.printf("  run: synced %d/%d, %d calls (%.3f per synced document), drained in %.1f s%n", run.synced(),
                    run.documents(), run.calls(), (double) run.calls() / Math.max(1, run.synced()), run.drain().toMillis() / 1000.0);
        }
        System.out.printf("  median drain %.1f s; calls by operation (first run): %s%n",
                drains.get(drains.size() / 2).toMillis() / 1000.0, first.callsByOperation());
    }

    /** The admin's browser at the consent page: the sandbox approves at once and redirects with code and state. */
    public static Map<String, String> consent(URI authorizationUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(response.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("consent page answered " + response.statusCode() + ": " + response.body())));
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
