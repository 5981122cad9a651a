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
 */
public final class ChaosEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosEngine.class);
    static final CompanyId COMPANY = CompanyId.of("chaos-plumbing");
    static final String STATUS_FILE = "engine-status.json";
    static final String EVENTS_FILE = "engine-events.log";
    static final String PROGRESS_FILE = "host-progress.log";

    private ChaosEngine() {
    }

    public static void main(String[] args) throws Exception {
        ChaosSettings settings = ChaosSettings.fromArgs(args);
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
}
