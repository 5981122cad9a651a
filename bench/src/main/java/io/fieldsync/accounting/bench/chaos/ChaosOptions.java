package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The orchestrator's command line: {@code [--provider xero|quickbooks|both] [--quick] [--seed N] [--documents N]
 * [--kills N] [--span-s S] [--burst-s S] [--drain-timeout-s S] [--nodes N] [--database h2|postgresql] [--repo DIR] [--out DIR]}.
 * {@code --quick} is the CI size (about three minutes per provider on two cores); without it the run is the full form.
 * {@code --nodes N} (N above 1 implies PostgreSQL, which several engines can share; the shipped H2 file cannot be) or
 * {@code --database postgresql} make it the multi-node run ({@link ClusterRun}); the default, one engine on the shipped
 * H2 file, is the run as it was before issue 9.
 *
 * @param span         how long the host's day lasts (without its waits)
 * @param burst        how often the host hands over what it has (see {@link ChaosWorkload#generate})
 * @param drainTimeout how long, after the last planned event or the host's last step (the later), the run waits for every document to settle
 * @param nodes        how many engine processes share the journal
 * @param retryDelay   the engine's {@code retry.delay.s}, and {@code retry.delay.max.s}: shortened for the quick form
 *                     only, so that it fits in CI's minutes
 */
record ChaosOptions(List<ChaosProvider> providers, boolean quick, long seed, int documents, int kills, Duration span,
                    Duration burst, Duration drainTimeout, long retryDelaySeconds, long retryDelayMaxSeconds, int nodes, Database database, Path repo, Path out) {

    /** Where the engines keep their journal. */
    enum Database {
        /** The shipped embedded H2 file, one engine. */
        H2,
        /** A real PostgreSQL server the run starts, shared by every node. */
        POSTGRESQL
    }

    /** The multi-node run's full form drains at least this many documents (issue 9). */
    static final int CLUSTER_DOCUMENTS = 2000;

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
                        + "xero|quickbooks|both] [--quick] [--seed N] [--documents N] [--kills N] [--span-s S] [--burst-s S] [--drain-timeout-s S] "
                        + "[--nodes N] [--database h2|postgresql]");
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
        int nodes = Integer.parseInt(options.getOrDefault("--nodes", "1"));
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1");
        }
        Database database = database(options.get("--database"), nodes);
        boolean clustered = database == Database.POSTGRESQL;
        String documents = quick ? "300" : clustered ? Integer.toString(CLUSTER_DOCUMENTS) : "1200";
        // the same pace of documents per second as the single-node full form (1,200 in 420 s)
        String span = quick ? "90" : clustered ? "700" : "420";
        return new ChaosOptions(providers, quick, Long.parseLong(options.getOrDefault("--seed", Long.toString(DEFAULT_SEED))),
                Integer.parseInt(options.getOrDefault("--documents", documents)), kills,
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--span-s", span))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--burst-s", "8"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--drain-timeout-s", quick ? "180" : "600"))),
                quick ? 5 : 30, quick ? 60 : 300, nodes, database, repo,
                Path.of(options.getOrDefault("--out", repo.resolve("bench/target/chaos").toString())).toAbsolutePath());
    }

    private static Database database(String named, int nodes) {
        if (named == null) {
            return nodes > 1 ? Database.POSTGRESQL : Database.H2;
        }
        Database database = switch (named) {
            case "h2" -> Database.H2;
            case "postgresql" -> Database.POSTGRESQL;
            default -> throw new IllegalArgumentException("--database is h2 or postgresql, not " + named);
        };
        if (database == Database.H2 && nodes > 1) {
            throw new IllegalArgumentException("--nodes " + nodes + " needs --database postgresql: one H2 file is open in one process only");
        }
        return database;
    }

    /** Several engine processes (or one) on a shared PostgreSQL, the host's calls spread over them. */
    boolean clustered() {
        return database == Database.POSTGRESQL;
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
