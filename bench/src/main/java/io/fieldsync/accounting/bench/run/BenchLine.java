package io.fieldsync.accounting.bench.run;

import java.util.Locale;

/**
 * The run's last line, for machines (CI greps it):
 * {@code bench: calls_per_doc_ratio=<x> rate_bound_ratio=<y> enqueue_per_s=<n> enqueue_p99_ms=<ms> webhook_p99_ms=<ms> isolation_ratio=<z>}.
 * A measurement that could not run is {@code NaN} there, never a made-up number.
 */
public record BenchLine(double callsPerDocRatio, double rateBoundRatio, double enqueuePerSecond, double enqueueP99Millis,
                        double webhookP99Millis, double isolationRatio) {

    public String format() {
        return String.format(Locale.ROOT,
                "bench: calls_per_doc_ratio=%s rate_bound_ratio=%s enqueue_per_s=%s enqueue_p99_ms=%s webhook_p99_ms=%s isolation_ratio=%s",
                ratio(callsPerDocRatio), ratio(rateBoundRatio), whole(enqueuePerSecond), millis(enqueueP99Millis),
                whole(webhookP99Millis), ratio(isolationRatio));
    }

    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "NaN";
    }

    private static String millis(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "NaN";
    }

    private static String whole(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.0f", value) : "NaN";
    }
}
