package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine's process needs to know, handed over on its command line by the orchestrator (and read back the
 * same way on every restart, so that each incarnation is the same engine).
 *
 * @param burst              how often the host sends what it has (see {@link ChaosWorkload#generate})
 * @param journalUrl         the H2 URL of the journal: the shipped one, with {@code ${karaf.data}} set to the run's data
 * @param retryDelaySeconds  the engine's {@code retry.delay.s}
 * @param readTimeoutMillis  the provider's {@code read.timeout.ms}: how long a write may go unanswered before its
 *                           outcome is unknown (the late answers are injected just after it)
 * @param editWait           how long the host waits for a document to sync before it edits it anyway
 * @param nodeId             the node's id in a multi-node run (the engine's {@code node.id}); "node-1" alone
 * @param doorPort           in a multi-node run, the port of the node's front door ({@link NodeDoor}), where the host's
 *                           calls and the admin come in from the orchestrator; 0 when the host and the admin run in the
 *                           engine's own JVM (the single-node run)
 */
record ChaosSettings(ChaosProvider provider, Path runDir, String sandboxUrl, String journalUrl, long seed, int documents,
                     Duration span, Duration burst, long retryDelaySeconds, long retryDelayMaxSeconds, int readTimeoutMillis, Duration editWait,
                     String nodeId, int doorPort) {

    ChaosSettings(ChaosProvider provider, Path runDir, String sandboxUrl, String journalUrl, long seed, int documents, Duration span,
                  Duration burst, long retryDelaySeconds, long retryDelayMaxSeconds, int readTimeoutMillis, Duration editWait) {
        this(provider, runDir, sandboxUrl, journalUrl, seed, documents, span, burst, retryDelaySeconds, retryDelayMaxSeconds,
                readTimeoutMillis, editWait, "node-1", 0);
    }

    /** The same engine as node {@code id} of a multi-node run, its front door on {@code port}. */
    ChaosSettings asNode(String id, int port) {
        return new ChaosSettings(provider, runDir, sandboxUrl, journalUrl, seed, documents, span, burst, retryDelaySeconds,
                retryDelayMaxSeconds, readTimeoutMillis, editWait, id, port);
    }

    /** One of several nodes: the host and the admin come in through its front door. */
    boolean node() {
        return doorPort > 0;
    }

    static final String CLIENT_ID = "chaos-run-client";
    static final String CLIENT_SECRET = "chaos-run-secret-not-a-real-one";

    /** The workload both processes build from these settings. */
    ChaosWorkload workload() {
        return ChaosWorkload.generate(seed, documents, span, burst, provider.region());
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "provider", provider.id());
        add(args, "run-dir", runDir.toString());
        add(args, "sandbox-url", sandboxUrl);
        add(args, "journal-url", journalUrl);
        add(args, "seed", Long.toString(seed));
        add(args, "documents", Integer.toString(documents));
        add(args, "span-ms", Long.toString(span.toMillis()));
        add(args, "burst-ms", Long.toString(burst.toMillis()));
        add(args, "retry-delay-s", Long.toString(retryDelaySeconds));
        add(args, "retry-delay-max-s", Long.toString(retryDelayMaxSeconds));
        add(args, "read-timeout-ms", Integer.toString(readTimeoutMillis));
        add(args, "edit-wait-s", Long.toString(editWait.toSeconds()));
        if (node()) {
            add(args, "node-id", nodeId);
            add(args, "door-port", Integer.toString(doorPort));
        }
        return args;
    }

    static ChaosSettings fromArgs(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return new ChaosSettings(ChaosProvider.of(required(options, "provider")), Path.of(required(options, "run-dir")),
                required(options, "sandbox-url"), required(options, "journal-url"), Long.parseLong(required(options, "seed")),
                Integer.parseInt(required(options, "documents")), Duration.ofMillis(Long.parseLong(required(options, "span-ms"))),
                Duration.ofMillis(Long.parseLong(required(options, "burst-ms"))),
                Long.parseLong(required(options, "retry-delay-s")), Long.parseLong(required(options, "retry-delay-max-s")),
                Integer.parseInt(required(options, "read-timeout-ms")), Duration.ofSeconds(Long.parseLong(required(options, "edit-wait-s"))),
                options.getOrDefault("node-id", "node-1"), Integer.parseInt(options.getOrDefault("door-port", "0")));
    }

    private static void add(List<String> args, String name, String value) {
        args.add("--" + name);
        args.add(value);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
