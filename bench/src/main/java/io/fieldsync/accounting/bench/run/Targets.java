package io.fieldsync.accounting.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fieldsync.accounting.bench.run.BenchOptions.Metric;

/**
 * The targets and what fails the run. Only {@code calls_per_doc_ratio} is exact (counted, not timed: the same
 * plan makes the same calls, except that on a loaded machine the engine's short batching window can close before a
 * burst of host calls is all in, which splits a batch), so only it, and a measurement that could not run, fail; the timing metrics depend on the
 * machine and what else runs on it (CI's two shared cores) and are reported against their targets without failing.
 */
public final class Targets {

    public static final double CALLS_PER_DOC = 1.05;
    public static final double RATE_BOUND = 0.9;
    public static final double ENQUEUE_PER_SECOND = 2_000;
    public static final double ENQUEUE_P99_MS = 10;
    public static final double WEBHOOK_P99_MS = 5_000;
    public static final double ISOLATION = 2;

    private Targets() {
    }

    /** Why the run fails: the exact metric out of target, or a measurement asked for that produced no number. */
    public static List<String> failures(BenchLine line, Set<Metric> measured) {
        List<String> failures = new ArrayList<>();
        if (measured.contains(Metric.CALLS) && line.callsPerDocRatio() > CALLS_PER_DOC) {
            failures.add(String.format(Locale.ROOT, "calls_per_doc_ratio %.3f is above %.2f (counted, not timed)",
                    line.callsPerDocRatio(), CALLS_PER_DOC));
        }
        missing(failures, measured, Metric.CALLS, "calls_per_doc_ratio", line.callsPerDocRatio());
        missing(failures, measured, Metric.RATE, "rate_bound_ratio", line.rateBoundRatio());
        missing(failures, measured, Metric.ENQUEUE, "enqueue_per_s", line.enqueuePerSecond());
        missing(failures, measured, Metric.WEBHOOK, "webhook_p99_ms", line.webhookP99Millis());
        missing(failures, measured, Metric.ISOLATION, "isolation_ratio", line.isolationRatio());
        return failures;
    }

    /** Timing metrics off their targets: reported, never failing. */
    public static List<String> timingMisses(BenchLine line) {
        List<String> misses = new ArrayList<>();
        if (line.rateBoundRatio() < RATE_BOUND) {
            misses.add(String.format(Locale.ROOT, "rate_bound_ratio %.3f < %.1f", line.rateBoundRatio(), RATE_BOUND));
        }
        if (line.enqueuePerSecond() < ENQUEUE_PER_SECOND) {
            misses.add(String.format(Locale.ROOT, "enqueue_per_s %.0f < %.0f", line.enqueuePerSecond(), ENQUEUE_PER_SECOND));
        }
        if (line.enqueueP99Millis() > ENQUEUE_P99_MS) {
            misses.add(String.format(Locale.ROOT, "enqueue_p99_ms %.2f > %.0f", line.enqueueP99Millis(), ENQUEUE_P99_MS));
        }
        if (line.webhookP99Millis() > WEBHOOK_P99_MS) {
            misses.add(String.format(Locale.ROOT, "webhook_p99_ms %.0f > %.0f", line.webhookP99Millis(), WEBHOOK_P99_MS));
        }
        if (line.isolationRatio() > ISOLATION) {
            misses.add(String.format(Locale.ROOT, "isolation_ratio %.3f > %.0f", line.isolationRatio(), ISOLATION));
        }
        return misses;
    }

    private static void missing(List<String> failures, Set<Metric> measured, Metric metric, String name, double value) {
        if (measured.contains(metric) && !Double.isFinite(value)) {
            failures.add(name + " could not be measured");
        }
    }
}
