package io.fieldsync.accounting.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * The host process {@link DurableJournalTest} kills with SIGKILL: the engine over the journal exactly as
 * shipped, several callers, and one line on standard output the moment each call has returned. A line
 * is the process's promise; the test holds it to every one it read before the kill.
 *
 * <pre>KilledHost &lt;karaf.data&gt; documents|outcomes &lt;count&gt; &lt;callers&gt;</pre>
 *
 * <ul>
 *   <li>{@code documents}: the host locks invoices, collects payments and cancels invoices through
 *       {@code AccountingSync}; each acknowledged document is printed as {@code acknowledged KIND hostId}.</li>
 *   <li>{@code outcomes}: {@code count} invoices are accepted first, then each is recorded as synced
 *       through the journal, as the dispatcher records a 200 OK; printed as {@code recorded hostId remoteId}.</li>
 * </ul>
 */
public final class KilledHost {

    static final CompanyId COMPANY = CompanyId.of("kill-9");
    static final String READY = "ready";

    private KilledHost() {
    }

    public static void main(String[] args) throws Exception {
        Path karafData = Path.of(args[0]);
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        // never closed: the process ends by SIGKILL
        ShippedJournal journal = ShippedJournal.open(karafData);
        TestEngine engine = new TestEngine(karafData, "none", journal.dataSource());
        PrintStream out = System.out;
        switch (mode) {
            case "documents" -> {
                say(out, READY);
                everyCaller(callers, count, i -> say(out, "acknowledged " + hostCall(engine, i)));
            }
            case "outcomes" -> {
                everyCaller(callers, count, i -> engine.sync.invoiceLocked(COMPANY, invoice(i)));
                say(out, READY);
                Journal outcomes = engine.stores.journal();
                everyCaller(callers, count, i -> {
                    JournalEntry sent = outcomes.find(DocumentRef.invoice(COMPANY, invoiceId(i))).orElseThrow();
                    outcomes.markSynced(sent, "xero", remoteId(i), "INV-" + i, null, engine.clock.instant());
                    say(out, "recorded " + invoiceId(i) + " " + remoteId(i));
                });
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        say(out, "done");
        Runtime.getRuntime().halt(0);
    }

    /**
     * The i-th host call: mostly invoices locked; every tenth a payment and every tenth a cancellation,
     * each of an invoice locked earlier. Returns "KIND hostId".
     */
    static String hostCall(TestEngine engine, int i) {
        Invoice earlier = invoice(Math.max(0, i - 5));
        switch (i % 10) {
            case 7 -> {
                String id = "P-" + i;
                engine.sync.paymentCollected(COMPANY, Samples.payment(id, earlier.hostId(), "10.00", PaymentMethod.CARD));
                return "PAYMENT " + id;
            }
            case 9 -> {
                engine.sync.invoiceCancelled(COMPANY, Samples.cancellation(earlier));
                return "CREDIT_NOTE CN-" + earlier.hostId();
            }
            default -> {
                engine.sync.invoiceLocked(COMPANY, invoice(i));
                return "INVOICE " + invoiceId(i);
            }
        }
    }

    static Invoice invoice(int i) {
        return Samples.invoice(invoiceId(i), Samples.customer("C-" + (i % 40)));
    }

    static String invoiceId(int i) {
        return "I-" + i;
    }

    static String remoteId(int i) {
        return "remote-" + i;
    }

    private interface Call {
        void make(int i) throws Exception;
    }

    private static void everyCaller(int callers, int count, Call call) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        call.make(i);
                    } catch (Exception e) {
                        e.printStackTrace();
                        Runtime.getRuntime().halt(2);
                    }
                }
            }, "caller-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** One whole line, flushed: what the test reads is what the process acknowledged. */
    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
