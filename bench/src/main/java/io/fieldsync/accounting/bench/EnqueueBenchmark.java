package io.fieldsync.accounting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.PostgresServer;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ShippedJournal;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.sync.RoundStores;

/**
 * How fast the host can hand documents over: {@code invoiceLocked} from several callers at once against
 * the engine over the journal exactly as a Karaf gets it ({@link ShippedJournal}: the feature's
 * DataSource configuration, H2 file under a fresh {@code karaf.data}, DBCP2 pool), with the shipped
 * {@code provider = none}. Every call returns only once its document is on disk, so this is acknowledged
 * documents per second. Each run gets a fresh journal; unmeasured runs first warm the JIT ({@link JitWarmup}). Reports
 * each run and the medians; the last line is for machines. {@code --quick} (3 runs of 2,000) is a smoke
 * check for CI: its JVM is still warming up and it reports less than half the full form's rate.
 *
 * <p>{@code --database postgresql} runs the same against a real PostgreSQL this JVM starts ({@link PostgresServer},
 * binaries from Maven Central) with its durable defaults ({@code fsync} and {@code synchronous_commit} on), each run on
 * a fresh database behind the DBCP2 pool as pax-jdbc builds it for {@code pool = dbcp2}: what a Karaf node whose
 * journal is on a PostgreSQL server of the same machine gets.
 *
 * <pre>mvn -B -ntp -q -pl bench compile exec:java@enqueue [-Dexec.args="--runs 5 --documents 20000 --callers 8" | -Dexec.args=--quick]
 * mvn -B -ntp -q -pl bench compile exec:java@enqueue -Dexec.args="--database postgresql"</pre>
 */
public final class EnqueueBenchmark {

    private static final CompanyId COMPANY = CompanyId.of("enqueue-bench");

    /**
     * What one run measured. {@code cpuMillisPerDocument} is this JVM's CPU time (every thread: callers, dispatcher, H2,
     * GC, JIT) over the documents: unlike the rate, it hardly moves with what else the machine runs, so it compares
     * two versions of the engine measured at different loads.
     */
    public record Run(int documents, double perSecond, double p50Millis, double p99Millis, double maxMillis, long journalBytes,
                      double cpuMillisPerDocument) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("--quick");
        int runs = Integer.parseInt(options.getOrDefault("--runs", quick ? "3" : "5"));
        int documents = Integer.parseInt(options.getOrDefault("--documents", quick ? "2000" : "20000"));
        int callers = Integer.parseInt(options.getOrDefault("--callers", "8"));
        String database = options.getOrDefault("--database", "h2");

        try (Journals journals = Journals.named(database)) {
            System.out.printf("invoiceLocked from %d callers over %s, %d documents per run, %d runs%n",
                    callers, journals.description(), documents, runs);
            System.out.println("  " + warmUp(journals, callers, documents));
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Run run = run(journals, callers, documents);
                results.add(run);
                System.out.printf("  run %d: %.0f documents/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, journal %.1f MB, CPU %.2f ms "
                        + "per document, 1-minute load %.1f%n", i + 1, run.perSecond(), run.p50Millis(), run.p99Millis(),
                        run.maxMillis(), run.journalBytes() / 1e6, run.cpuMillisPerDocument(), load());
            }
            System.out.printf("enqueue: database=%s callers=%d documents=%d runs=%d per_second=%.0f p50_ms=%.2f p99_ms=%.2f "
                    + "cpu_ms_per_doc=%.2f load=%.1f%n", database, callers, documents, runs, median(results, Run::perSecond),
                    median(results, Run::p50Millis), median(results, Run::p99Millis), median(results, Run::cpuMillisPerDocument), load());
        }
    }

    /** Unmeasured runs of the same size until the JIT is quiet ({@link JitWarmup}); returns what they were, for the report. */
    public static String warmUp(Journals journals, int callers, int documents) throws Exception {
        return JitWarmup.ofThisJvm().warmUp(() -> run(journals, callers, documents)).describe();
    }

    public static Run run(Journals journals, int callers, int documents) throws Exception {
        Path karafData = Files.createTempDirectory("enqueue-bench");
        try (Journals.Journal journal = journals.open(karafData)) {
            Stores stores = Stores.open(journal.dataSource(), karafData.resolve("token.key"), java.time.Clock.systemUTC());
            EngineClock time = new EngineClock(java.time.Clock.systemUTC());
            ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), BenchConfigs.engine("none"));
            HostNotifier notifier = new HostNotifier();
            Dispatcher dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(),
                    time.clock(), directory, notifier, BenchConfigs.engine("none"));
            SyncService sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);
            List<Invoice> invoices = new ArrayList<>(documents);
            for (int i = 0; i < documents; i++) {
                invoices.add(Samples.invoice("I-" + i, Samples.customer("C-" + (i % 200))));
            }
            long[] latencies = new long[documents];
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                Thread caller = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < documents; i = next.getAndIncrement()) {
                        long called = System.nanoTime();
                        sync.invoiceLocked(COMPANY, invoices.get(i));
                        latencies[i] = System.nanoTime() - called;
                    }
                }, "host-caller-" + c);
                caller.start();
                threads.add(caller);
            }
            for (Thread caller : threads) {
                caller.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillisPerDocument = (processCpuNanos() - cpuBefore) / 1e6 / documents;
            dispatcher.deactivate();
            notifier.deactivate();
            Arrays.sort(latencies);
            return new Run(documents, documents / seconds, millis(latencies, 0.50), millis(latencies, 0.99),
                    latencies[documents - 1] / 1e6, journal.bytes(), cpuMillisPerDocument);
        } finally {
            deleteAll(karafData);
        }
    }

    /** Where each run's journal is: the shipped H2 file, or a fresh database on a PostgreSQL server started for the bench. */
    public interface Journals extends AutoCloseable {

        /** One run's journal. */
        interface Journal extends AutoCloseable {
            DataSource dataSource();

            /** What the journal takes on disk now. */
            long bytes() throws Exception;
        }

        String description();

        Journal open(Path karafData) throws Exception;

        @Override
        default void close() {
        }

        static Journals named(String database) {
            return switch (database) {
                case "h2" -> new ShippedH2();
                case "postgresql" -> new Postgres(PostgresServer.start(Map.of("fsync", "on")));
                default -> throw new IllegalArgumentException("--database is h2 or postgresql, not " + database);
            };
        }
    }

    /** The journal as the feature ships it: H2 file under karaf.data. */
    static final class ShippedH2 implements Journals {
        @Override
        public String description() {
            return "the shipped journal (" + ShippedJournal.datasourceConfig().get("url") + ")";
        }

        @Override
        public Journal open(Path karafData) {
            ShippedJournal shipped = ShippedJournal.open(karafData);
            return new Journal() {
                @Override
                public DataSource dataSource() {
                    return shipped.dataSource();
                }

                @Override
                public long bytes() throws IOException {
                    return Files.size(karafData.resolve("accounting").resolve("journal.mv.db"));
                }

                @Override
                public void close() throws Exception {
                    shipped.close();
                }
            };
        }
    }

    /** A fresh database per run on one PostgreSQL server of this machine, durable settings as PostgreSQL ships them. */
    static final class Postgres implements Journals {
        private static final String SIZE = "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'";

        private final PostgresServer server;

        Postgres(PostgresServer server) {
            this.server = server;
        }

        @Override
        public String description() {
            return "PostgreSQL " + server.version() + " on this machine (fsync " + server.setting("fsync") + ", synchronous_commit "
                    + server.setting("synchronous_commit") + "), DBCP2 pool";
        }

        @Override
        public Journal open(Path karafData) {
            FreshDatabase fresh = server.freshDatabase();
            return new Journal() {
                @Override
                public DataSource dataSource() {
                    return fresh.dataSource();
                }

                @Override
                public long bytes() throws Exception {
                    try (var connection = fresh.dataSource().getConnection(); var statement = connection.createStatement();
                         var row = statement.executeQuery(SIZE)) {
                        row.next();
                        return row.getLong(1);
                    }
                }

                @Override
                public void close() {
                    fresh.close();
                }
            };
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** CPU time of this JVM so far (all its threads), or -1 where the platform does not tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The machine's 1-minute load average, printed with every measurement since the rate follows it. */
    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                options.put("--quick", "true");
            } else if (i + 1 < args.length) {
                options.put(args[i], args[++i]);
            }
        }
        return options;
    }
}
