package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One provider's chaos run, from starting the sandbox to the verdict: the engine's process started, the planned faults
 * and kills applied at their moments (a process that ends by itself is noted and started again), the drain awaited,
 * the engine stopped, then the sandbox's ledger and the engine's journal read and compared with the workload.
 */
final class ProviderRun {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** More 429s than a window of a few seconds can meet: the window's end disarms the rest. */
    private static final int WINDOW_CALLS = 100_000;

    private final ChaosOptions options;
    private final ChaosProvider provider;
    private final PrintStream out;
    private final List<String> kills = new ArrayList<>();
    private final List<String> crashes = new ArrayList<>();
    private int revocations;
    private EngineProcess engine;
    private Path statusFile;
    private Instant started;
    private Instant lastProgress = Instant.EPOCH;

    ProviderRun(ChaosOptions options, ChaosProvider provider, PrintStream out) {
        this.options = options;
        this.provider = provider;
        this.out = out;
    }

    ChaosOutcome run() throws IOException, InterruptedException {
        Path runDir = options.out().resolve(provider.id() + "-" + options.seed() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir.resolve("data"));
        String journalUrl = ShippedJournalUrl.read(options.featureXml(), runDir.resolve("data"));
        long seed = options.seed() + provider.ordinal();
        try (SandboxProcess sandbox = SandboxProcess.start(options.sandboxJar(), provider, runDir.resolve("sandbox.log"), ChildJvm.OPTIONS)) {
            // Ctrl-C or a CI timeout must not leave the two child processes behind
            Thread abandon = new Thread(() -> {
                if (engine != null) {
                    engine.abandon();
                }
                sandbox.abandon();
            }, "chaos-abandon");
            Runtime.getRuntime().addShutdownHook(abandon);
            try {
                return run(sandbox, runDir, journalUrl, seed);
            } finally {
                Runtime.getRuntime().removeShutdownHook(abandon);
            }
        } finally {
            if (engine != null) {
                engine.stop();
            }
        }
    }

    private ChaosOutcome run(SandboxProcess sandbox, Path runDir, String journalUrl, long seed) throws IOException, InterruptedException {
        ChaosSettings settings = new ChaosSettings(provider, runDir, sandbox.baseUrl(), journalUrl, seed, options.documents(),
                options.span(), options.burst(), options.retryDelaySeconds(), options.retryDelayMaxSeconds(), ChaosOptions.READ_TIMEOUT_MILLIS,
                options.editWait());
        ChaosWorkload workload = settings.workload();
        ExpectedLedger expected = workload.expected();
        List<ChaosEvent> schedule = FaultSchedule.plan(seed, workload.span(), options.kills(), ChaosOptions.READ_TIMEOUT_MILLIS);
        out.printf("%n== chaos run: %s against its standalone sandbox (%s, real limits), seed %d, run folder %s%n", provider.id(),
                sandbox.baseUrl(), seed, runDir);
        out.printf("   %d host documents in %d host steps over %d s; journal %s; engine retry.delay.s=%d retry.delay.max.s=%d, "
                        + "provider read.timeout.ms=%d%n", expected.documents(), workload.steps().size(), workload.span().toSeconds(),
                journalUrl, settings.retryDelaySeconds(), settings.retryDelayMaxSeconds(), settings.readTimeoutMillis());
        sandbox.post("faults/error-rate?probability=0.1&seed=" + seed);
        statusFile = runDir.resolve(ChaosEngine.STATUS_FILE);
        engine = new EngineProcess(settings, runDir.resolve("engine.log"));
        engine.start();
        started = Instant.now();
        for (ChaosEvent event : schedule) {
            waitUntil(started.plusMillis(event.atMillis()));
            apply(event, sandbox);
        }
        Instant eventsDone = Instant.now();
        boolean drained = awaitDrain(eventsDone);
        Duration drain = Duration.between(eventsDone, Instant.now());
        engine.stop();
        JsonNode ledger = sandbox.get("ledger");
        JsonNode faults = sandbox.get("faults").path("injected");
        JournalView journal = JournalReader.read(settings, expected);
        Verdict verdict = LedgerCheck.check(provider, expected, LedgerReader.read(provider, ledger), journal,
                acknowledged(workload, HostProgress.acknowledgedIn(runDir.resolve(ChaosEngine.PROGRESS_FILE))));
        Files.write(runDir.resolve("discrepancies.txt"), verdict.discrepancies());
        return new ChaosOutcome(provider, settings, workload, verdict, journal, kills, crashes, engine.starts(), faults, revocations,
                drained, Duration.between(started, Instant.now()), drain, runDir);
    }

    /** Revisions per document among the acknowledged steps: what the host had been told was accepted. */
    static Map<String, Integer> acknowledged(ChaosWorkload workload, java.util.Set<Integer> steps) {
        Map<String, Integer> revisions = new HashMap<>();
        workload.steps().stream().filter(step -> steps.contains(step.index())).forEach(step ->
                revisions.merge(JournalView.key(step.call().kind(), step.call().hostId()), 1, Integer::sum));
        return revisions;
    }

    private void apply(ChaosEvent event, SandboxProcess sandbox) throws IOException, InterruptedException {
        String at = "%6.1f s".formatted(Duration.between(started, Instant.now()).toMillis() / 1000.0);
        switch (event.kind()) {
            case KILL -> {
                String where = status().map(s -> "host at step " + s.acknowledged() + "/" + s.steps() + ", " + s.queued() + " queued")
                        .orElse("engine still starting");
                engine.kill();
                kills.add(at.strip() + " (" + where + ")");
                Thread.sleep(event.value());
                engine.start();
            }
            case DROP_AFTER_APPLY -> sandbox.post("faults/drop-after-apply?writes=" + event.count());
            case LATE_ANSWER -> sandbox.post("faults/late-answer-after-apply?writes=" + event.count() + "&delayMs=" + event.value());
            case TOO_MANY_REQUESTS -> sandbox.post("faults/too-many-requests?calls=" + WINDOW_CALLS + "&retryAfterSeconds=" + event.value());
            case TOO_MANY_REQUESTS_END -> sandbox.post("faults/too-many-requests?calls=0");
            case TOKEN_OUTAGE -> {
                sandbox.post("access/expire-tokens");
                sandbox.post("faults/token-outage?seconds=" + event.value());
            }
            case REVOKE -> {
                sandbox.post("access/revoke");
                revocations++;
            }
        }
        out.printf("   %s  %s%n", at, event.describe());
    }

    /** Sleeps until {@code when}, starting the engine again if it ended by itself meanwhile. */
    private void waitUntil(Instant when) throws IOException, InterruptedException {
        while (Instant.now().isBefore(when)) {
            watchEngine();
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), Duration.between(Instant.now(), when).toMillis())));
        }
    }

    /**
     * Waits for every document to settle, for the drain timeout after the last planned event or, when the host is still
     * making steps then (edits wait for their documents to sync), after its last step: a document handed over at the
     * end of the day may need the engine's longest retry delay more than once.
     */
    private boolean awaitDrain(Instant eventsDone) throws IOException, InterruptedException {
        int drainedReads = 0;
        Instant deadline = eventsDone.plus(options.drainTimeout());
        boolean hostDone = false;
        while (Instant.now().isBefore(deadline)) {
            watchEngine();
            Optional<EngineStatus> status = status();
            if (!hostDone && status.isPresent() && status.get().acknowledged() >= status.get().steps()) {
                hostDone = true;
                Instant afterHost = Instant.now().plus(options.drainTimeout());
                deadline = afterHost.isAfter(deadline) ? afterHost : deadline;
            }
            drainedReads = status.isPresent() && status.get().drained() ? drainedReads + 1 : 0;
            if (drainedReads >= 2) {
                out.printf("   %6.1f s  drained: every step acknowledged, every document settled %s%s%n",
                        Duration.between(started, Instant.now()).toMillis() / 1000.0, status.get().statuses(),
                        status.get().stuck() == 0 ? "" : " (" + status.get().stuck() + " of them wait behind an invoice that failed)");
                return true;
            }
            if (Duration.between(lastProgress, Instant.now()).compareTo(PROGRESS_EVERY) >= 0) {
                lastProgress = Instant.now();
                status.ifPresent(s -> out.printf("   %6.1f s  waiting for the drain: host at step %d/%d, %d queued %s, waiting for %s%s, "
                                + "connection %s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0, s.acknowledged(), s.steps(),
                        s.queued(), s.statuses(), s.waitingFor(), s.stuck() == 0 ? "" : " (" + s.stuck() + " behind a failed invoice)",
                        s.connection()));
            }
            Thread.sleep(POLL.toMillis());
        }
        out.printf("   the run did NOT drain within %d s of its last event or of the host's last step%n", options.drainTimeout().toSeconds());
        return false;
    }

    /** The engine's own status, if the running incarnation has written one. */
    private Optional<EngineStatus> status() {
        return EngineStatus.readFrom(statusFile).filter(s -> engine.alive() && s.pid() == engine.pid());
    }

    private void watchEngine() throws IOException {
        if (!engine.alive()) {
            String at = "%.1f s".formatted(Duration.between(started, Instant.now()).toMillis() / 1000.0);
            crashes.add(at + " (exit " + engine.exitValue() + ")");
            out.printf("   %s  the engine's process ended by itself with %d; starting it again%n", at, engine.exitValue());
            engine.start();
        }
    }
}
