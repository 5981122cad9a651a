package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The orchestrator's command line: {@code [--provider xero|quickbooks|both] [--quick] [--seed N] [--documents N]
 * [--kills N] [--span-s S] [--burst-s S] [--drain-timeout-s S] [--repo DIR] [--out DIR]}. {@code --quick} is the CI size (about three
 * minutes per provider on two cores); without it the run is the full form.
 *
 * @param span         how long the host's day lasts (without its waits)
 * @param burst        how often the host hands over what it has (see {@link ChaosWorkload#generate})
 * @param drainTimeout how long, after the last planned event or the host's last step (the later), the run waits for every document to settle
 * @param retryDelay   the engine's {@code retry.delay.s}, and {@code retry.delay.max.s}: shortened for the quick form
 *                     only, so that it fits in CI's minutes
 */
record ChaosOptions(List<ChaosProvider> providers, boolean quick, long seed, int documents, int kills, Duration span,
                    Duration burst, Duration drainTimeout, long retryDelaySeconds, long retryDelayMaxSeconds, Path repo, Path out) {

    static final long DEFAULT_SEED = 20261203L;
    static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final Set<String> FLAGS = Set.of("--quick");

    static ChaosOptions parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (FLAGS.contains(args[i])) {
                options.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; usage: bench/chaos [--provider "
                        + "xero|quickbooks|both] [--quick] [--seed N] [--documents N] [--kills N] [--span-s S] [--burst-s S] [--drain-timeout-s S]");
            }
        }
        boolean quick = options.containsKey("--quick");
        String which = options.getOrDefault("--provider", "both");
        List<ChaosProvider> providers = which.equals("both") ? List.of(ChaosProvider.XERO, ChaosProvider.QUICKBOOKS)
                : List.of(ChaosProvider.of(which));
        Path repo = Path.of(options.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
        int kills = Integer.parseInt(options.getOrDefault("--kills", quick ? "5" : "8"));
        if (kills < 1) {
            throw new IllegalArgumentException("--kills must be at least 1");
        }
        return new ChaosOptions(providers, quick, Long.parseLong(options.getOrDefault("--seed", Long.toString(DEFAULT_SEED))),
                Integer.parseInt(options.getOrDefault("--documents", quick ? "300" : "1200")), kills,
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--span-s", quick ? "90" : "420"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--burst-s", "8"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--drain-timeout-s", quick ? "180" : "600"))),
                quick ? 5 : 30, quick ? 60 : 300, repo,
                Path.of(options.getOrDefault("--out", repo.resolve("bench/target/chaos").toString())).toAbsolutePath());
    }

    Path sandboxJar() {
        return repo.resolve("sandbox-bundle/target/accounting-sandbox.jar");
    }

    Path featureXml() {
        return repo.resolve("karaf-feature/src/main/feature/feature.xml");
    }

    /** How long the host waits for a document to sync before editing it anyway. */
    Duration editWait() {
        return Duration.ofSeconds(quick ? 45 : 120);
    }
}
