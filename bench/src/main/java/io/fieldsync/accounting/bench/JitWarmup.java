package io.fieldsync.accounting.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Unmeasured runs until the JIT has stopped compiling most of the time: what a measurement of the engine's steady
 * state needs first. One warm-up run was not enough. On 2 cores the JIT's threads compiled for 2.1 s of CPU in the
 * warm-up run and 32.7 s by the end of 5 measured runs of 20,000 (JFR {@code jdk.CompilerStatistics}). Meanwhile the
 * CPU per document fell run after run (0.69, 0.41, 0.32, 0.25, 0.23 ms) and so did the p99 (13.5, 9.0, 9.2, 5.8,
 * 6.9 ms). A Karaf that has run for a while has long finished compiling.
 */
final class JitWarmup {

    /** Warm once the JIT compiled for less than this share of a run's wall time (summed over its threads). */
    static final double QUIET_SHARE = 0.10;
    /** A bound on the wait, for JVMs that keep compiling (and for {@code --quick}'s short runs). */
    static final int MOST_RUNS = 6;

    /** How the warm-up ended; {@code lastCompileMillis} and {@code lastWallMillis} are those of its last run. */
    record Result(int runs, boolean quiet, long lastCompileMillis, long lastWallMillis) {
        String describe() {
            return quiet
                    ? "warm-up: %d unmeasured run(s), until the JIT compiled for %d ms of a %d ms run".formatted(runs, lastCompileMillis, lastWallMillis)
                    : "warm-up: %d unmeasured run(s), the JIT still compiling (%d ms of a %d ms run): the first runs measure it too"
                            .formatted(runs, lastCompileMillis, lastWallMillis);
        }
    }

    /** One unmeasured run. */
    @FunctionalInterface
    interface WarmUpRun {
        void run() throws Exception;
    }

    private final LongSupplier compilationMillis;
    private final LongSupplier nanoTime;

    /** {@code compilationMillis} null when the JVM does not tell (then one run, as the bench did before). */
    JitWarmup(LongSupplier compilationMillis, LongSupplier nanoTime) {
        this.compilationMillis = compilationMillis;
        this.nanoTime = nanoTime;
    }

    static JitWarmup ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean tells = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new JitWarmup(tells ? jit::getTotalCompilationTime : null, System::nanoTime);
    }

    Result warmUp(WarmUpRun run) throws Exception {
        if (compilationMillis == null) {
            run.run();
            return new Result(1, false, -1, -1);
        }
        Result last = null;
        for (int runs = 1; runs <= MOST_RUNS; runs++) {
            long compiledBefore = compilationMillis.getAsLong();
            long started = nanoTime.getAsLong();
            run.run();
            long wallMillis = (nanoTime.getAsLong() - started) / 1_000_000;
            long compileMillis = compilationMillis.getAsLong() - compiledBefore;
            last = new Result(runs, compileMillis < QUIET_SHARE * wallMillis, compileMillis, wallMillis);
            if (last.quiet()) {
                return last;
            }
        }
        return last;
    }
}
