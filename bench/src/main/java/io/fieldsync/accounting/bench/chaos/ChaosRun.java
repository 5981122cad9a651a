package io.fieldsync.accounting.bench.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The chaos run ({@code bench/chaos}): for each provider, the standalone sandbox and the engine's JVM as separate
 * processes, a host day of at least {@code --documents} documents, 10 % 5xx, writes dropped or answered late after
 * they were applied, 429 bursts, a token endpoint outage, a revocation with the admin reconnecting, and {@code kill -9}
 * of the engine at {@code --kills} random moments with restarts; then the sandbox's ledger compared with what the host
 * asked for. The last lines (one per provider) are machine-readable:
 * <pre>chaos: provider=xero documents=612 remote=612 duplicates=0 missing=0 wrong_amounts=0 kills=5 faults=81</pre>
 * The exit status is 0 only when every provider's run drained with no duplicate, no missing and no wrong document.
 * With {@code --nodes N} or {@code --database postgresql}, the same on several engine processes sharing a real
 * PostgreSQL ({@link ClusterRun}); its lines also carry {@code nodes=<n>}.
 */
public final class ChaosRun {

    private ChaosRun() {
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.clustered()) {
            // the host and the load balancer run here in a multi-node run: their log goes to a file, as the engine's
            // does, so that the output stays the run's story (set before the first logger is made)
            Files.createDirectories(options.out());
            System.setProperty("org.slf4j.simpleLogger.logFile", options.out().resolve("host-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log").toString());
        }
        PrintStream out = System.out;
        List<ChaosOutcome> outcomes = new ArrayList<>();
        for (ChaosProvider provider : options.providers()) {
            ChaosOutcome outcome = options.clustered() ? new ClusterRun(options, provider, out).run()
                    : new ProviderRun(options, provider, out).run();
            ChaosReport.print(outcome, out);
            outcomes.add(outcome);
        }
        out.println();
        outcomes.forEach(outcome -> out.println(outcome.line()));
        out.flush();
        System.exit(outcomes.stream().allMatch(ChaosOutcome::passed) ? 0 : 1);
    }
}
