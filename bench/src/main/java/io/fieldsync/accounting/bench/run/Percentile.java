package io.fieldsync.accounting.bench.run;

import java.util.Arrays;
import java.util.Collection;

/**
 * Nearest-rank percentiles (the value below which at least q of the samples lie, always one of the samples), so that a
 * p99 of 100 latencies is the 99th smallest and never an interpolation nobody measured.
 */
public final class Percentile {

    private Percentile() {
    }

    /** The nearest-rank {@code quantile} (0 < q ≤ 1) of {@code samples}, which must not be empty. */
    public static double of(Collection<? extends Number> samples, double quantile) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a percentile of no samples is undefined");
        }
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be within (0, 1]: " + quantile);
        }
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** The median as a statistician takes it: the middle value, or the mean of the two middle ones. */
    public static double median(Collection<? extends Number> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a median of no samples is undefined");
        }
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
