package io.fieldsync.accounting.bench.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.demo.DemoRegion;

/**
 * How much one company's hanging accounting system costs the others: many companies on both providers, every API call
 * 300 ms slower (the sandboxes' latency), each company locking {@value #INVOICES} invoices at once; the p99 time from
 * lock to SYNCED over the healthy companies' invoices while the first company's API hangs (its calls held unanswered
 * until the provider's read timeout, 60 s as shipped), divided by the same p99 with no company hanging. Both runs start
 * from fresh sandboxes and a fresh engine; the hanging company's invoices count in neither. One engine serves every
 * company, each on the provider it chose ({@link Fleet}), with the shipped {@code lane.workers}: the hang and the healthy
 * companies share its lane workers whatever their provider, which is what the ratio is about.
 */
record IsolationMeasurement(Scenario healthy, Scenario hanging) {

    static final int INVOICES = 2;
    static final Duration LATENCY = Duration.ofMillis(300);

    /** One run: the lock-to-SYNCED times of the healthy companies' invoices, in milliseconds. */
    record Scenario(boolean withHang, int companies, int expected, List<Long> millis, Duration wall) {

        boolean complete() {
            return millis.size() == expected;
        }

        double p99() {
            return complete() ? Percentile.of(millis, 0.99) : Double.NaN;
        }
    }

    double ratio() {
        return hanging.p99() / healthy.p99();
    }

    static IsolationMeasurement run(List<String> providers, int companiesPerProvider, Duration timeout, PrintStream out) throws Exception {
        Scenario healthy = scenario(providers, companiesPerProvider, false, timeout, out);
        Scenario hanging = scenario(providers, companiesPerProvider, true, timeout, out);
        return new IsolationMeasurement(healthy, hanging);
    }

    private static Scenario scenario(List<String> providers, int companiesPerProvider, boolean withHang, Duration timeout, PrintStream out)
            throws Exception {
        out.printf("%n[isolation] %s: %d companies on %s, connecting...%n", withHang ? "one company hanging" : "no company hanging",
                companiesPerProvider * providers.size(), providers);
        out.flush();
        Fleet fleet = null;
        Map<DocumentRef, Instant> synced = new ConcurrentHashMap<>();
        AccountingListener listener = new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
                if (status.status() == SyncStatus.SYNCED) {
                    synced.putIfAbsent(status.document(), Instant.now());
                }
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
            }
        };
        try {
            fleet = Fleet.of(providers, companiesPerProvider);
            fleet.listen(listener);
            out.printf("  one engine, companies per provider as it sees them: %s%n", fleet.companiesPerProvider());
            Fleet.Company hung = fleet.companies.get(0);
            fleet.latency(LATENCY);
            if (withHang) {
                fleet.hang(hung);
            }
            Map<CompanyId, Instant> lockedAt = new HashMap<>();
            Instant start = Instant.now();
            for (Fleet.Company company : fleet.companies) {
                DemoBook book = new DemoBook(new DemoPlan(3, INVOICES, 0, 0), DemoRegion.of(company.reference()));
                lockedAt.put(company.id(), Instant.now());
                Fleet engine = fleet;
                book.invoices().forEach(invoice -> engine.sync.invoiceLocked(company.id(), invoice));
            }
            int expected = (lockedAt.size() - 1) * INVOICES;
            Instant deadline = start.plus(timeout);
            int busiest = 0;
            while (healthyCount(synced, hung.id()) < expected && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                busiest = Math.max(busiest, fleet.lanesInATurn());
            }
            Duration wall = Duration.between(start, Instant.now());
            List<Long> millis = new ArrayList<>();
            synced.forEach((document, at) -> {
                if (!document.company().equals(hung.id())) {
                    millis.add(Duration.between(lockedAt.get(document.company()), at).toMillis());
                }
            });
            Scenario scenario = new Scenario(withHang, lockedAt.size(), expected, millis, wall);
            out.printf("  %d of %d healthy invoices SYNCED in %.1f s%s; at most %d lanes handed a turn at once (running on one of the lane workers or queued for one)%n", millis.size(), expected,
                    wall.toMillis() / 1000.0, scenario.complete() ? "; p99 lock to SYNCED %.1f s".formatted(scenario.p99() / 1000) : " (timed out)",
                    busiest);
            return scenario;
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    private static long healthyCount(Map<DocumentRef, Instant> synced, CompanyId hung) {
        return synced.keySet().stream().filter(document -> !document.company().equals(hung)).count();
    }
}
