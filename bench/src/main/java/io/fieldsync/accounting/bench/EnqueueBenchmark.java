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

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ShippedJournal;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;

/**
 * How fast the host can hand documents over: {@code invoiceLocked} from several callers at once against
 * the engine over the journal exactly as a Karaf gets it ({@link ShippedJournal}: the feature's
 * DataSource configuration, H2 file under a fresh {@code karaf.data}, DBCP2 pool), with the shipped
 * {@code provider = none}. Every call returns only once its document is on disk, so this is acknowledged
 * documents per second. Each run gets a fresh journal; one unmeasured run first warms the JIT. Reports
 * each run and the medians; the last line is for machines. {@code --quick} (3 runs of 2,000) is a smoke
 * check for CI: its JVM is still warming up and it reports less than half the full form's rate.
 *
 * <pre>mvn -B -ntp -q -pl bench compile exec:java@enqueue [-Dexec.args="--runs 5 --documents 20000 --callers 8" | -Dexec.args=--quick]</pre>
 */
public final class EnqueueBenchmark {

    private static final CompanyId COMPANY = CompanyId.of("enqueue-bench");

    /** What one run measured. */
    record Run(int documents, double perSecond, double p50Millis, double p99Millis, double maxMillis, long journalBytes) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("--quick");
        int runs = Integer.parseInt(options.getOrDefault("--runs", quick ? "3" : "5"));
        int documents = Integer.parseInt(options.getOrDefault("--documents", quick ? "2000" : "20000"));
        int callers = Integer.parseInt(options.getOrDefault("--callers", "8"));

        System.out.printf("invoiceLocked from %d callers over the shipped journal (%s), %d documents per run, %d runs%n",
                callers, ShippedJournal.datasourceConfig().get("url"), documents, runs);
        // the first runs of a cold JVM were 30-50 % slower: one unmeasured run of the same size first
        run(callers, documents);
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run run = run(callers, documents);
            results.add(run);
            System.out.printf("  run %d: %.0f documents/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, journal file %.1f MB%n", i + 1,
                    run.perSecond(), run.p50Millis(), run.p99Millis(), run.maxMillis(), run.journalBytes() / 1e6);
        }
        System.out.printf("enqueue: callers=%d documents=%d runs=%d per_second=%.0f p50_ms=%.2f p99_ms=%.2f%n", callers, documents,
                runs, median(results, Run::perSecond), median(results, Run::p50Millis), median(results, Run::p99Millis));
    }

    static Run run(int callers, int documents) throws Exception {
        Path karafData = Files.createTempDirectory("enqueue-bench");
        try (ShippedJournal journal = ShippedJournal.open(karafData)) {
            EngineStores stores = new EngineStores(journal.dataSource(), karafData.resolve("token.key"), java.time.Clock.systemUTC());
            ProviderDirectory directory = new ProviderDirectory(BenchConfigs.engine("none"));
            HostNotifier notifier = new HostNotifier();
            Dispatcher dispatcher = new Dispatcher(stores, directory, notifier, BenchConfigs.engine("none"));
            SyncService sync = new SyncService(stores, dispatcher, notifier);
            List<Invoice> invoices = new ArrayList<>(documents);
            for (int i = 0; i < documents; i++) {
                invoices.add(Samples.invoice("I-" + i, Samples.customer("C-" + (i % 200))));
            }
            long[] latencies = new long[documents];
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
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
            dispatcher.deactivate();
            notifier.deactivate();
            Arrays.sort(latencies);
            return new Run(documents, documents / seconds, millis(latencies, 0.50), millis(latencies, 0.99),
                    latencies[documents - 1] / 1e6, Files.size(karafData.resolve("accounting").resolve("journal.mv.db")));
        } finally {
            deleteAll(karafData);
        }
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
