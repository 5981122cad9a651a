package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.engine.store.TokenVault;

/**
 * One provider's multi-node chaos run (issue 9): a real PostgreSQL ({@link ChaosDatabase}), {@code --nodes} engine
 * processes on it, each with its own node id and one shared token key, and the standalone sandbox. The host's day
 * and the admin run here, in the orchestrator, and reach the nodes through a {@link LoadBalancer}: each host call goes
 * to one node, the next in turn, and a call a kill cut off is made again on another. The faults are the single-node
 * run's; the planned kills each hit one node ({@link NodeKillPlan}), and the one in the middle leaves its node down
 * until the others have taken over its work ({@link Takeover}: everything queued at the kill has settled): in the quick
 * form until the end of the run, in the full form until then, when it is started again. Then the same ledger check.
 */
final class ClusterRun {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final Duration ADMIN_EVERY = Duration.ofSeconds(1);
    private static final int WINDOW_CALLS = 100_000;

    private final ChaosOptions options;
    private final ChaosProvider provider;
    private final PrintStream out;
    private final List<String> kills = new ArrayList<>();
    private final List<String> crashes = new ArrayList<>();
    private final List<EngineProcess> nodes = new ArrayList<>();
    private final List<String> nodeIds = new ArrayList<>();
    private final List<String> takeovers = new ArrayList<>();
    private int revocations;
    private int held = -1;
    private Instant heldSince;
    private Takeover takeover;
    private JournalPool journal;
    private Instant started;
    private Instant lastProgress = Instant.EPOCH;
    private Path runDir;

    ClusterRun(ChaosOptions options, ChaosProvider provider, PrintStream out) {
        this.options = options;
        this.provider = provider;
        this.out = out;
    }

    ChaosOutcome run() throws IOException, InterruptedException {
        runDir = options.out().resolve(provider.id() + "-" + options.seed() + "-nodes" + options.nodes() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir.resolve("data"));
        // one key for every node, written before any starts (two nodes creating it at once would race)
        TokenVault.open(EngineWiring.tokenKey(runDir));
        long seed = options.seed() + provider.ordinal();
        try (SandboxProcess sandbox = SandboxProcess.start(options.sandboxJar(), provider, runDir.resolve("sandbox.log"), ChildJvm.OPTIONS);
             ChaosDatabase database = ChaosDatabase.start(runDir.resolve("postgresql"))) {
            Thread abandon = new Thread(() -> {
                nodes.forEach(EngineProcess::abandon);
                sandbox.abandon();
            }, "chaos-abandon");
            Runtime.getRuntime().addShutdownHook(abandon);
            try {
                return run(sandbox, database, seed);
            } finally {
                Runtime.getRuntime().removeShutdownHook(abandon);
                if (journal != null) {
                    journal.close();
                }
            }
        } finally {
            for (EngineProcess node : nodes) {
                node.stop();
            }
        }
    }

    private ChaosOutcome run(SandboxProcess sandbox, ChaosDatabase database, long seed) throws IOException, InterruptedException {
        ChaosSettings settings = new ChaosSettings(provider, runDir, sandbox.baseUrl(), database.journalUrl(), seed, options.documents(),
                options.span(), options.burst(), options.retryDelaySeconds(), options.retryDelayMaxSeconds(), ChaosOptions.READ_TIMEOUT_MILLIS,
                options.editWait());
        ChaosWorkload workload = settings.workload();
        ExpectedLedger expected = workload.expected();
        List<ChaosEvent> schedule = FaultSchedule.plan(seed, workload.span(), options.kills(), ChaosOptions.READ_TIMEOUT_MILLIS);
        Deque<NodeKill> planned = new ArrayDeque<>(NodeKillPlan.assign(seed, options.nodes(), schedule));
        List<URI> doors = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            int port = freePort();
            String id = "node-" + (i + 1);
            nodeIds.add(id);
            nodes.add(new EngineProcess(settings.asNode(id, port), runDir.resolve("engine-" + id + ".log")));
            doors.add(LoadBalancer.node(port));
        }
        out.printf("%n== chaos run: %s on %d nodes against its standalone sandbox (%s, real limits), seed %d, run folder %s%n", provider.id(),
                options.nodes(), sandbox.baseUrl(), seed, runDir);
        out.printf("   %d host documents in %d host steps over %d s; journal %s, DBCP2 pool over pgjdbc on every node; engine retry.delay.s=%d "
                        + "retry.delay.max.s=%d, provider read.timeout.ms=%d%n", expected.documents(), workload.steps().size(),
                workload.span().toSeconds(), database.describe(), settings.retryDelaySeconds(), settings.retryDelayMaxSeconds(),
                settings.readTimeoutMillis());
        out.printf("   kills: %s%n", describe(planned));
        sandbox.post("faults/error-rate?probability=0.1&seed=" + seed);
        journal = JournalPool.open(database.journalUrl());
        for (EngineProcess node : nodes) {
            node.start();
        }
        started = Instant.now();
        Clock clock = Clock.systemUTC();
        LoadBalancer balancer = new LoadBalancer(doors, clock);
        EventLog events = new EventLog(runDir.resolve(ChaosEngine.EVENTS_FILE), clock);
        AtomicBoolean prepared = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Instant> hostDone = new AtomicReference<>();
        Path progressFile = runDir.resolve(ChaosEngine.PROGRESS_FILE);
        Thread host = new Thread(() -> {
            try (HostProgress progress = HostProgress.open(progressFile)) {
                while (!balancer.admin("prepare", Duration.ofMinutes(5))) {
                    Thread.sleep(POLL.toMillis());
                }
                prepared.set(true);
                new HostDay(balancer, ChaosEngine.COMPANY, progress, events, options.editWait(), clock, d -> Thread.sleep(d.toMillis()))
                        .run(workload.steps());
                hostDone.set(Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("The host stopped: {}", e.toString(), e);
                out.printf("   the host stopped: %s (its steps not made count as never made)%n", e);
            }
        }, "chaos-host");
        host.setDaemon(true);
        Thread admin = new Thread(() -> {
            while (!finished.get()) {
                try {
                    if (prepared.get()) {
                        balancer.admin("check", Duration.ofSeconds(30));
                    }
                    Thread.sleep(ADMIN_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "chaos-admin");
        admin.setDaemon(true);
        host.start();
        admin.start();
        try {
            for (ChaosEvent event : schedule) {
                waitUntil(started.plusMillis(event.atMillis()));
                apply(event, event.kind() == ChaosEvent.Kind.KILL ? planned.pollFirst() : null, sandbox);
            }
            Instant eventsDone = Instant.now();
            boolean drained = awaitDrain(eventsDone, hostDone);
            Duration drain = Duration.between(eventsDone, Instant.now());
            finished.set(true);
            admin.interrupt();
            for (EngineProcess node : nodes) {
                node.stop();
            }
            host.interrupt();
            JsonNode ledger = sandbox.get("ledger");
            JsonNode faults = sandbox.get("faults").path("injected");
            JournalView journal = JournalReader.read(settings, expected);
            Verdict verdict = LedgerCheck.check(provider, expected, LedgerReader.read(provider, ledger), journal,
                    ProviderRun.acknowledged(workload, HostProgress.acknowledgedIn(progressFile)));
            Files.write(runDir.resolve("discrepancies.txt"), verdict.discrepancies());
            int starts = nodes.stream().mapToInt(EngineProcess::starts).sum();
            return new ChaosOutcome(provider, settings, workload, verdict, journal, kills, crashes, starts, faults, revocations,
                    drained, Duration.between(started, Instant.now()), drain, runDir, options.nodes());
        } finally {
            finished.set(true);
            admin.interrupt();
            host.interrupt();
        }
    }

    private String describe(Deque<NodeKill> planned) {
        List<String> parts = new ArrayList<>();
        for (NodeKill kill : planned) {
            parts.add("%.1f s %s%s".formatted(kill.atMillis() / 1000.0, nodeIds.get(kill.node()), kill.held()
                    ? (options.quick() ? " (left down to the end)" : " (left down until the others have taken over)") : ""));
        }
        return String.join(", ", parts);
    }

    private void apply(ChaosEvent event, NodeKill kill, SandboxProcess sandbox) throws IOException, InterruptedException {
        String at = "%6.1f s".formatted(seconds());
        switch (event.kind()) {
            case KILL -> {
                EngineProcess node = nodes.get(kill.node());
                String id = nodeIds.get(kill.node());
                if (!node.alive()) {
                    out.printf("   %s  %s is down already (it ended by itself); this kill is skipped%n", at, id);
                    return;
                }
                String where = status().map(s -> "host at step " + s.acknowledged() + "/" + s.steps() + ", " + s.queued() + " queued")
                        .orElse("no node's status yet");
                node.kill();
                if (kill.held()) {
                    held = kill.node();
                    heldSince = Instant.now();
                    takeover = atKill();
                    kills.add(at.strip() + " " + id + " (" + where + "; left down " + (options.quick() ? "to the end" : "until the others took over") + ")");
                    out.printf("   %s  kill -9 of %s, left down %s (%s)%n", at, id, options.quick() ? "to the end of the run"
                            : "until the others have taken over its work", takeover == null ? "the journal could not be read"
                            : takeover.waiting() + " documents were queued or being sent");
                    return;
                }
                kills.add(at.strip() + " " + id + " (" + where + ")");
                Thread.sleep(kill.restartAfterMillis());
                node.start();
                out.printf("   %s  kill -9 of %s, restart after %d ms%n", at, id, kill.restartAfterMillis());
                return;
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

    private void waitUntil(Instant when) throws IOException, InterruptedException {
        while (Instant.now().isBefore(when)) {
            watchNodes();
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), Duration.between(Instant.now(), when).toMillis())));
        }
    }

    private boolean awaitDrain(Instant eventsDone, AtomicReference<Instant> hostDone) throws IOException, InterruptedException {
        int drainedReads = 0;
        Instant deadline = eventsDone.plus(options.drainTimeout());
        boolean extended = false;
        while (Instant.now().isBefore(deadline)) {
            watchNodes();
            Optional<EngineStatus> status = status();
            if (!extended && hostDone.get() != null) {
                extended = true;
                Instant afterHost = hostDone.get().plus(options.drainTimeout());
                deadline = afterHost.isAfter(deadline) ? afterHost : deadline;
            }
            drainedReads = hostDone.get() != null && status.isPresent() && status.get().drained() ? drainedReads + 1 : 0;
            if (drainedReads >= 2) {
                out.printf("   %6.1f s  drained: every step acknowledged, every document settled %s%s%s%n", seconds(), status.get().statuses(),
                        status.get().stuck() == 0 ? "" : " (" + status.get().stuck() + " of them wait behind an invoice that failed)",
                        held >= 0 ? "; " + nodeIds.get(held) + " still down" + (takeover != null ? ", its work not yet taken over" : "") : "");
                return true;
            }
            if (Duration.between(lastProgress, Instant.now()).compareTo(PROGRESS_EVERY) >= 0) {
                lastProgress = Instant.now();
                status.ifPresent(s -> out.printf("   %6.1f s  waiting for the drain: host at step %d/%d, %d queued %s, waiting for %s%s, "
                                + "connection %s, nodes up %s%n", seconds(), s.acknowledged(), s.steps(), s.queued(), s.statuses(), s.waitingFor(),
                        s.stuck() == 0 ? "" : " (" + s.stuck() + " behind a failed invoice)", s.connection(), up()));
            }
            Thread.sleep(POLL.toMillis());
        }
        out.printf("   the run did NOT drain within %d s of its last event or of the host's last step%n", options.drainTimeout().toSeconds());
        return false;
    }

    /**
     * Starts again a node that ended by itself; notes when the others have taken over the held node's work and, in the
     * full form, starts it again then.
     */
    private void watchNodes() throws IOException {
        for (int i = 0; i < nodes.size(); i++) {
            EngineProcess node = nodes.get(i);
            if (i == held || node.starts() == 0 || node.alive()) {
                continue;
            }
            crashes.add("%.1f s %s (exit %d)".formatted(seconds(), nodeIds.get(i), node.exitValue()));
            out.printf("   %6.1f s  %s ended by itself with %d; starting it again%n", seconds(), nodeIds.get(i), node.exitValue());
            node.start();
        }
        if (held >= 0 && takeover != null && takenOver()) {
            out.printf("   %6.1f s  the other nodes have taken over %s's work: the %d documents queued at its kill settled within %d s%s%n",
                    seconds(), nodeIds.get(held), takeover.waiting(), Duration.between(heldSince, Instant.now()).toSeconds(),
                    options.quick() ? "; it stays down" : "; starting it again");
            takeovers.add("%s in %d s (%d documents)".formatted(nodeIds.get(held), Duration.between(heldSince, Instant.now()).toSeconds(),
                    takeover.waiting()));
            takeover = null;
            if (!options.quick()) {
                nodes.get(held).start();
                held = -1;
            }
        }
    }

    private Takeover atKill() {
        try {
            return Takeover.atKill(journal.dataSource());
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not read the journal at the kill: {}", e.toString());
            return null;
        }
    }

    private boolean takenOver() {
        try {
            return takeover.done(journal.dataSource());
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not read the journal: {}", e.toString());
            return false;
        }
    }

    /** The status of a running node (the journal is shared, so any one tells the whole queue). */
    private Optional<EngineStatus> status() {
        for (int i = 0; i < nodes.size(); i++) {
            EngineProcess node = nodes.get(i);
            if (!node.alive()) {
                continue;
            }
            Optional<EngineStatus> status = EngineStatus.readFrom(runDir.resolve(ChaosEngine.statusFile(nodeIds.get(i))))
                    .filter(s -> s.pid() == node.pid());
            if (status.isPresent()) {
                return status;
            }
        }
        return Optional.empty();
    }

    private String up() {
        List<String> up = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).alive()) {
                up.add(nodeIds.get(i));
            }
        }
        return up.toString();
    }

    private double seconds() {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
