package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's JVM ({@link ChaosEngine}), started with the orchestrator's own class path, killed with SIGKILL
 * ({@link Process#destroyForcibly()}, which is {@code kill -9} on Linux: no shutdown hook, no flush, no goodbye) and
 * started again with the same arguments. Each incarnation appends to one log.
 */
final class EngineProcess {

    private static final int KILLED_BY_SIGKILL = 128 + 9;

    private final ChaosSettings settings;
    private final Path log;
    private Process process;
    private int starts;

    EngineProcess(ChaosSettings settings, Path log) {
        this.settings = settings;
        this.log = log;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        command.addAll(ChildJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChaosEngine.class.getName()));
        command.addAll(settings.toArgs());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        starts++;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int starts() {
        return starts;
    }

    /** {@code kill -9}; returns when the process is gone. */
    void kill() throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the engine's process had already ended with " + process.exitValue());
        }
        process.destroyForcibly();
        int exit = process.waitFor();
        if (exit != KILLED_BY_SIGKILL) {
            throw new IllegalStateException("the engine's process ended with " + exit + ", not by SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Ends the process at once, from a shutdown hook. */
    void abandon() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** The exit code of a process that ended without being asked to. */
    int exitValue() {
        return process.exitValue();
    }
}
