package io.fieldsync.accounting.engine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncStatus;
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
 *   <li>{@code day}: a working day as the chaos run has it, in bursts: the host's callers make {@code count}
 *       calls as in {@code documents}, numbered from {@code first} (each restart adds documents of its own), while
 *       the real dispatcher sends them to a scripted Xero and records every outcome, and a reader polls statuses
 *       (the host's and the admin's short read transactions). After each burst of {@link #BURST} calls the process
 *       waits until the dispatcher has nothing left to do, prints {@code idle} and reads a line from standard input
 *       before the next burst: the test kills it there, as the chaos run's kills mostly came between a paced
 *       host's steps. Each outcome the host hears of is printed as {@code recorded KIND hostId remoteId}. H2 writes
 *       into freed file space at once ({@code RETENTION_TIME 0}), as the shipped journal does after its first
 *       45 s.</li>
 * </ul>
 *
 * <pre>KilledHost &lt;karaf.data&gt; day &lt;count&gt; &lt;callers&gt; &lt;first&gt;</pre>
 */
public final class KilledHost {

    static final CompanyId COMPANY = CompanyId.of("kill-9");
    static final String READY = "ready";
    /** Host calls between two idle moments in {@code day} mode. */
    static final int BURST = 25;

    private KilledHost() {
    }

    public static void main(String[] args) throws Exception {
        Path karafData = Path.of(args[0]);
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        // never closed: the process ends by SIGKILL
        ShippedJournal journal = ShippedJournal.open(karafData);
        TestEngine engine = new TestEngine(karafData, "day".equals(mode) ? "xero" : "none", journal.dataSource());
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
            case "day" -> {
                int first = Integer.parseInt(args[4]);
                AtomicBoolean quiet = new AtomicBoolean();
                AtomicInteger idlePasses = busyDay(journal, engine, out, first, count, quiet);
                say(out, READY);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (int burst = 0; burst < count; burst += BURST) {
                    int start = first + burst;
                    everyCaller(callers, Math.min(BURST, count - burst), i -> say(out, "acknowledged " + hostCall(engine, start + i)));
                    // two passes that found nothing, both begun after the burst: every outcome of it is recorded
                    int seen = idlePasses.get();
                    while (idlePasses.get() < seen + 2) {
                        Thread.sleep(1);
                    }
                    engine.notifier.flush();
                    quiet.set(true);
                    say(out, "idle");
                    in.readLine();
                    quiet.set(false);
                }
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        say(out, "done");
        Runtime.getRuntime().halt(0);
    }

    /**
     * Everything but the host in a day of {@code day} mode: the dispatcher sending, a reader reading. Returns the
     * count of dispatcher passes that found nothing to do.
     */
    private static AtomicInteger busyDay(ShippedJournal journal, TestEngine engine, PrintStream out, int first, int count,
                                         AtomicBoolean quiet) throws Exception {
        try (Connection connection = journal.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET RETENTION_TIME 0");
        }
        engine.setup.saveMappings(COMPANY, Samples.completeMappings());
        engine.install(new ScriptedProvider("xero"));
        engine.connect(COMPANY);
        engine.notifier.addListener(new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
                if (status.status() == SyncStatus.SYNCED) {
                    DocumentRef document = status.document();
                    say(out, "recorded " + document.kind() + " " + document.hostId() + " " + status.remoteId());
                }
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
                // not part of what is promised here
            }
        });
        AtomicInteger idlePasses = new AtomicInteger();
        daemon("dispatcher", quiet, () -> {
            if (engine.dispatcher.passNow() == 0) {
                idlePasses.incrementAndGet();
            }
        });
        AtomicInteger polled = new AtomicInteger();
        daemon("reader", quiet, () -> engine.sync.status(DocumentRef.invoice(COMPANY, invoiceId(first + polled.incrementAndGet() % count))));
        return idlePasses;
    }

    /** Runs {@code step} over and over on a thread of its own, except while {@code quiet}. */
    private static void daemon(String name, AtomicBoolean quiet, Runnable step) {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    if (!quiet.get()) {
                        step.run();
                    }
                    // a breath between steps, so that two cores are left to the host's callers too
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    Runtime.getRuntime().halt(3);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
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
