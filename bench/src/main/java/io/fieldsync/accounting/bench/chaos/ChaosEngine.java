package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.CompanyId;

/**
 * The engine's process in a chaos run: the engine with one provider (see {@link EngineWiring}), its admin
 * ({@link AdminDesk}) and its host ({@link HostDay}) in one JVM, as in a Karaf that runs the host application. The
 * orchestrator kills it with {@code kill -9} at random moments and starts it again with the same arguments; every
 * incarnation picks up from the journal and the host's progress log. It runs until it is stopped (SIGTERM: graceful)
 * or killed, writing {@code engine-status.json} every second.
 *
 * <p>As one node of several ({@link ClusterRun}) it runs the engine alone: the host and the admin are the
 * orchestrator's, and reach this node through its front door ({@link NodeDoor}) as a load balancer sends them; its
 * status goes to {@code engine-status-<node id>.json}.
 */
public final class ChaosEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosEngine.class);
    static final CompanyId COMPANY = CompanyId.of("chaos-plumbing");
    static final String STATUS_FILE = "engine-status.json";
    static final String EVENTS_FILE = "engine-events.log";
    static final String PROGRESS_FILE = "host-progress.log";

    private ChaosEngine() {
    }

    /** Where node {@code nodeId} of a multi-node run writes its status. */
    static String statusFile(String nodeId) {
        return "engine-status-" + nodeId + ".json";
    }

    public static void main(String[] args) throws Exception {
        ChaosSettings settings = ChaosSettings.fromArgs(args);
        if (settings.node()) {
            runNode(settings);
            return;
        }
        Files.createDirectories(EngineWiring.tokenKey(settings.runDir()).getParent());
        Clock clock = Clock.systemUTC();
        EventLog events = new EventLog(settings.runDir().resolve(EVENTS_FILE), clock);
        events.record("start", "pid " + ProcessHandle.current().pid());
        List<HostStep> steps = settings.workload().steps();
        EngineWiring engine = EngineWiring.start(settings);
        HostProgress progress = HostProgress.open(settings.runDir().resolve(PROGRESS_FILE));
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "chaos-engine-background");
            thread.setDaemon(true);
            return thread;
        });
        Path statusFile = settings.runDir().resolve(STATUS_FILE);
        background.scheduleWithFixedDelay(() -> {
            try {
                EngineStatus.read(engine, COMPANY, progress.count(), steps.size()).writeTo(statusFile);
            } catch (RuntimeException e) {
                LOG.warn("Could not write the engine's status: {}", e.toString());
            }
        }, 0, 1, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            background.shutdownNow();
            try {
                engine.close();
                events.record("stop", "graceful");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "chaos-engine-stop"));

        AdminDesk admin = new AdminDesk(engine, COMPANY, settings.provider().region(), events);
        admin.prepare();
        background.scheduleWithFixedDelay(admin::checkConnection, 1, 1, TimeUnit.SECONDS);
        new HostDay(engine.sync, COMPANY, progress, events, settings.editWait(), clock, d -> Thread.sleep(d.toMillis())).run(steps);
        LOG.info("Host: every step acknowledged; the engine drains on");
        stopped.await();
    }

    /** One node of several: the engine, its front door, its status; the host's day is the orchestrator's. */
    private static void runNode(ChaosSettings settings) throws Exception {
        Clock clock = Clock.systemUTC();
        EventLog events = new EventLog(settings.runDir().resolve(EVENTS_FILE), clock);
        events.record("start", settings.nodeId() + " pid " + ProcessHandle.current().pid());
        List<HostStep> steps = settings.workload().steps();
        EngineWiring engine = EngineWiring.start(settings);
        AdminDesk admin = new AdminDesk(engine, COMPANY, settings.provider().region(), events);
        NodeDoor door = NodeDoor.open(settings.doorPort(), steps, HostEntrance.local(engine.sync, COMPANY), admin);
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chaos-node-status");
            thread.setDaemon(true);
            return thread;
        });
        Path statusFile = settings.runDir().resolve(statusFile(settings.nodeId()));
        Path progressFile = settings.runDir().resolve(PROGRESS_FILE);
        background.scheduleWithFixedDelay(() -> {
            try {
                int acknowledged = HostProgress.acknowledgedIn(progressFile).size();
                EngineStatus.read(engine, COMPANY, acknowledged, steps.size()).writeTo(statusFile);
            } catch (RuntimeException | java.io.IOException e) {
                LOG.warn("Could not write the node's status: {}", e.toString());
            }
        }, 0, 1, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            background.shutdownNow();
            door.close();
            try {
                engine.close();
                events.record("stop", settings.nodeId() + " graceful");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "chaos-node-stop"));
        LOG.info("Node {} up: front door on port {}", settings.nodeId(), settings.doorPort());
        stopped.await();
    }
}
