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
 * from fresh sandboxes and engines; the hanging company's invoices count in neither. Today's engine has one provider per
 * engine, so each provider's companies get their own engine ({@link Fleet}); with a provider per company one engine
 * would serve both, and this is where to change it.
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
        List<Fleet> fleets = new ArrayList<>();
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
            for (String provider : providers) {
                Fleet fleet = Fleet.of(provider, companiesPerProvider);
                fleet.listen(listener);
                fleets.add(fleet);
            }
            Fleet.Company hung = fleets.get(0).companies.get(0);
            fleets.forEach(fleet -> fleet.latency(LATENCY));
            if (withHang) {
                fleets.get(0).hang(hung);
            }
            Map<CompanyId, Instant> lockedAt = new HashMap<>();
            Instant start = Instant.now();
            for (Fleet fleet : fleets) {
                for (Fleet.Company company : fleet.companies) {
                    DemoBook book = new DemoBook(new DemoPlan(3, INVOICES, 0, 0), DemoRegion.of(company.reference()));
                    lockedAt.put(company.id(), Instant.now());
                    book.invoices().forEach(invoice -> fleet.sync.invoiceLocked(company.id(), invoice));
                }
            }
            int expected = (lockedAt.size() - 1) * INVOICES;
            Instant deadline = start.plus(timeout);
            while (healthyCount(synced, hung.id()) < expected && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            Duration wall = Duration.between(start, Instant.now());
            List<Long> millis = new ArrayList<>();
            synced.forEach((document, at) -> {
                if (!document.company().equals(hung.id())) {
                    millis.add(Duration.between(lockedAt.get(document.company()), at).toMillis());
                }
            });
            Scenario scenario = new Scenario(withHang, lockedAt.size(), expected, millis, wall);
            out.printf("  %d of %d healthy invoices SYNCED in %.1f s%s%n", millis.size(), expected, wall.toMillis() / 1000.0,
                    scenario.complete() ? "; p99 lock to SYNCED %.1f s".formatted(scenario.p99() / 1000) : " (timed out)");
            return scenario;
        } finally {
            for (Fleet fleet : fleets) {
                fleet.close();
            }
        }
    }

    private static long healthyCount(Map<DocumentRef, Instant> synced, CompanyId hung) {
        return synced.keySet().stream().filter(document -> !document.company().equals(hung)).count();
    }
}
