package io.fieldsync.accounting.bench.run;

import java.time.Duration;
import java.util.function.Supplier;

import io.fieldsync.accounting.bench.BenchConfigs;
import io.fieldsync.accounting.bench.BenchTarget;
import io.fieldsync.accounting.bench.SyncBenchmark;
import io.fieldsync.accounting.demo.DemoPlan;

/**
 * One plan synced by the engine and one provider against its sandbox with the vendor's real limits (the wiring of
 * {@link SyncBenchmark}), read twice: the calls against the minimum the batch sizes allow, and the drain against the
 * fastest the per-minute limits allow.
 *
 * @param minimum            the minimum as the vendor's documented endpoints allow it
 * @param batchedAllocations Xero only: the minimum if allocations had a batched form (null for QuickBooks)
 */
record SyncMeasurement(String provider, DemoPlan plan, PlanRecords records, CallLog calls, int synced, Duration drain,
                       MinimumCalls minimum, MinimumCalls batchedAllocations, RateBound bound) {

    /**
     * How long the host must be quiet before the dispatcher sends (shipped: 200 ms). On a loaded machine the host's own
     * submitting thread pauses longer than 200 ms and a batch is split (seen at load 10: 19 calls for the standard plan
     * instead of 14), which would make a counted metric depend on the machine; 2 s keeps the count about batching.
     */
    static final Duration LINGER = Duration.ofSeconds(2);

    static SyncMeasurement run(String provider, DemoPlan plan) throws Exception {
        Supplier<BenchTarget> target = switch (provider) {
            case "xero" -> BenchTarget::xero;
            case "quickbooks" -> BenchTarget::quickBooks;
            default -> throw new IllegalArgumentException("no provider " + provider);
        };
        SyncBenchmark.Run run;
        try (BenchTarget started = target.get()) {
            run = SyncBenchmark.run(started, plan, BenchConfigs.engine(provider, LINGER.toMillis()));
        }
        CallLog calls = new CallLog(run.callsByOperation(), run.callsInOrder());
        if ("xero".equals(provider)) {
            PlanRecords records = new PlanRecords(plan.customers(), 0, plan.invoices(), plan.payments(), plan.cancellations());
            return new SyncMeasurement(provider, plan, records, calls, run.synced(), run.drain(), MinimumCalls.xero(records, false),
                    MinimumCalls.xero(records, true), RateBound.xero(calls.admitted()));
        }
        PlanRecords records = new PlanRecords(plan.customers(), calls.itemsCreated(), plan.invoices(), plan.payments(), plan.cancellations());
        return new SyncMeasurement(provider, plan, records, calls, run.synced(), run.drain(), MinimumCalls.quickBooks(records), null,
                RateBound.quickBooks(calls.admittedItems(), calls.admitted()));
    }

    double callsRatio() {
        return minimum.ratio(calls.made());
    }

    double rateRatio() {
        return bound.ratio(drain);
    }

    boolean allSynced() {
        return synced == records.documents();
    }

    String describePlan() {
        return "%d invoices for %d customers, %d payments, %d cancellations (%d documents)".formatted(plan.invoices(), plan.customers(),
                plan.payments(), plan.cancellations(), records.documents());
    }
}
