package io.fieldsync.accounting.bench.run;

import java.time.Duration;
import java.util.function.Supplier;

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

    static SyncMeasurement run(String provider, DemoPlan plan) throws Exception {
        Supplier<BenchTarget> target = switch (provider) {
            case "xero" -> BenchTarget::xero;
            case "quickbooks" -> BenchTarget::quickBooks;
            default -> throw new IllegalArgumentException("no provider " + provider);
        };
        SyncBenchmark.Run run;
        try (BenchTarget started = target.get()) {
            run = SyncBenchmark.run(started, plan);
        }
        CallLog calls = new CallLog(run.callsByOperation());
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
