package io.fieldsync.accounting.bench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code bench/run} measures and how much: the full form for the README, {@code --quick} for CI (a few minutes on
 * two cores; the limit-bound plan still needs more than one minute's allowance, so it is never shorter than that).
 *
 * @param limitBoundScale the demo plan's multiplier for the limit-bound plan (×1 is 30 customers, 100 invoices,
 *                        40 payments, 5 cancellations)
 * @param companies       companies per provider in the isolation run
 * @param deliveries      signed webhook deliveries timed
 */
public record BenchOptions(boolean quick, List<String> providers, Set<Metric> metrics, int limitBoundScale, int enqueueDocuments,
                           int enqueueRuns, int companies, int deliveries) {

    /** The six numbers, by what has to run for them. */
    public enum Metric {
        CALLS, RATE, ENQUEUE, WEBHOOK, ISOLATION
    }

    static final String USAGE = "usage: bench/run [--quick] [--provider xero|quickbooks|both] [--only calls,rate,enqueue,webhook,isolation]";

    public static BenchOptions parse(String[] args) {
        boolean quick = false;
        List<String> providers = List.of("xero", "quickbooks");
        Set<Metric> metrics = EnumSet.allOf(Metric.class);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--provider" -> providers = providers(value(args, ++i));
                case "--only" -> metrics = metrics(value(args, ++i));
                default -> throw new IllegalArgumentException(USAGE + " (not " + args[i] + ")");
            }
        }
        return quick
                ? new BenchOptions(true, providers, metrics, 5, 2_000, 3, 20, 10)
                : new BenchOptions(false, providers, metrics, 15, 20_000, 5, 100, 30);
    }

    public boolean measures(Metric metric) {
        return metrics.contains(metric);
    }

    private static List<String> providers(String value) {
        return switch (value) {
            case "xero" -> List.of("xero");
            case "quickbooks" -> List.of("quickbooks");
            case "both" -> List.of("xero", "quickbooks");
            default -> throw new IllegalArgumentException("--provider takes xero, quickbooks or both, not " + value);
        };
    }

    private static Set<Metric> metrics(String value) {
        List<Metric> chosen = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                chosen.add(Metric.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--only takes " + Arrays.toString(Metric.values()).toLowerCase(Locale.ROOT) + ", not " + name);
            }
        }
        return EnumSet.copyOf(chosen);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(USAGE);
        }
        return args[i];
    }
}
