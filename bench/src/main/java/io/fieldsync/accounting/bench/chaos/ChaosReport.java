package io.fieldsync.accounting.bench.chaos;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;

/** Prints one provider's outcome: what was done to it, the per-kind breakdown and the discrepancies, for the lead to debug. */
final class ChaosReport {

    private static final int SHOWN_DISCREPANCIES = 30;

    private ChaosReport() {
    }

    static void print(ChaosOutcome o, PrintStream out) {
        Verdict v = o.verdict();
        ExpectedLedger expected = o.workload().expected();
        long invoiceEdits = o.workload().steps().stream().filter(s -> s.afterSync() && s.call() instanceof LockInvoice).count();
        long paymentEdits = o.workload().steps().stream().filter(s -> s.afterSync() && s.call() instanceof CollectPayment).count();
        List<String> events = EventLog.read(o.runDir().resolve(ChaosEngine.EVENTS_FILE), "connected");
        List<String> early = EventLog.read(o.runDir().resolve(ChaosEngine.EVENTS_FILE), "edit-before-sync");
        List<String> hostFailures = EventLog.read(o.runDir().resolve(ChaosEngine.EVENTS_FILE), "host-call-failed");
        List<String> lost = EventLog.read(o.runDir().resolve(ChaosEngine.EVENTS_FILE), "connection-lost");
        JsonNode f = o.injected();

        out.printf("%n== chaos result: %s (%s)%n", o.provider().id(), o.passed() ? "PASSED" : "FAILED");
        out.printf("Workload  : %d host documents: %d invoices (%d meant to fail: a customer without a name), %d payments, %d credit notes; "
                        + "%d invoices and %d payments edited after they synced%n", v.documents(), expected.invoices().size(), v.meantToFail(),
                expected.payments().size(), expected.creditNotes().size(), invoiceEdits, paymentEdits);
        if (o.nodes() == 0) {
            out.printf("Kills     : %d x kill -9 of the engine's JVM, each followed by a restart (%d starts in all): %s%n", o.kills().size(),
                    o.starts(), String.join("; ", o.kills()));
        } else {
            out.printf("Kills     : %d x kill -9 of one of the %d nodes' JVMs, one of them left down (%d starts in all): %s%n",
                    o.kills().size(), o.nodes(), o.starts(), String.join("; ", o.kills()));
        }
        if (!o.crashes().isEmpty()) {
            out.printf("Crashes   : the engine's process ended by itself %d times: %s%n", o.crashes().size(), String.join("; ", o.crashes()));
        }
        out.printf("Faults    : %d = %d injected by the sandbox (5xx %d at a 10 %% error rate, forced 5xx %d, 429 %d in windows, dropped after apply %d, "
                        + "answered late after apply %d, token endpoint 503 %d) + %d revocation(s); the admin connected %d time(s) (%s)%n",
                o.faults(), f.path("total").asInt(), f.path("serverErrors").asInt(), f.path("forcedFailures").asInt(),
                f.path("tooManyRequests").asInt(), f.path("droppedAfterApply").asInt(), f.path("answeredLateAfterApply").asInt(),
                f.path("tokenEndpointRefusals").asInt(), o.revocations(), events.size(), String.join(", ", events));
        if (!lost.isEmpty()) {
            out.printf("Connection: lost %d time(s) while the engine ran: %s%n", lost.size(), String.join("; ", lost));
        }
        out.printf("Drain     : %s %d s after the last planned event; %d s in all%n", o.drained() ? "settled" : "NOT settled",
                o.drain().toSeconds(), o.took().toSeconds());
        out.printf("Journal   : %s; acknowledged documents or revisions the journal no longer had: %d%n", journalCounts(o.journal()),
                v.lostByJournal());
        out.printf("Host      : %d edit(s) made before their document had synced; %d host call(s) failed and were made again%n",
                early.size(), hostFailures.size());
        out.printf("%-12s %9s %10s %7s %11s %8s %14s%n", "kind", "host docs", "in ledger", "remote", "duplicates", "missing", "wrong_amounts");
        for (DocumentKind kind : List.of(DocumentKind.INVOICE, DocumentKind.PAYMENT, DocumentKind.CREDIT_NOTE)) {
            Verdict.KindCount c = v.byKind().get(kind);
            out.printf("%-12s %9d %10d %7d %11d %8d %14d%n", kind, c.expected(), c.found(), c.remote(), c.duplicates(), c.missing(),
                    c.wrongAmounts());
        }
        out.printf("Also      : %d of %d documents meant to fail were refused as meant; %d unexpected remote document(s); "
                + "%d remote document(s) of the run deleted or voided%n", v.failedAsMeant(), v.meantToFail(), v.unexpected(), v.dead());
        if (!v.causes().isEmpty()) {
            out.println("By cause  : (host documents; what the journal says of them)");
            v.causes().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .forEach(cause -> out.printf("  %5d  %s%n", cause.getValue(), cause.getKey()));
        }
        if (!v.discrepancies().isEmpty()) {
            out.printf("Discrepancies: %d (all of them in %s)%n", v.discrepancies().size(), o.runDir().resolve("discrepancies.txt"));
            v.discrepancies().stream().limit(SHOWN_DISCREPANCIES).forEach(d -> out.println("  " + d));
            if (v.discrepancies().size() > SHOWN_DISCREPANCIES) {
                out.printf("  ... %d more%n", v.discrepancies().size() - SHOWN_DISCREPANCIES);
            }
        }
    }

    private static String journalCounts(JournalView journal) {
        Map<SyncStatus, Integer> counts = new EnumMap<>(SyncStatus.class);
        journal.rows().values().forEach(row -> counts.merge(row.status(), 1, Integer::sum));
        return counts.toString();
    }
}
