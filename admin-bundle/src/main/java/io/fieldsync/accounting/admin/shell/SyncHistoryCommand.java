package io.fieldsync.accounting.admin.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.admin.HistoryProgress;
import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Sends historical invoices (registered by the host as not attempted) and shows the progress until nothing is queued
 * any more, as the REST API's {@code GET .../history} counts it.
 */
@Service
@Command(scope = "accounting", name = "sync-history", description = "Sends a company's historical invoices (--all, or the "
        + "host ids given) and shows the progress until they are sent; --no-wait only queues them.")
public class SyncHistoryCommand implements Action {

    static final Duration POLL = Duration.ofSeconds(2);
    /** The console says where things stand at least this often, even when nothing changed (a lane held by a limit). */
    static final Duration PROGRESS = Duration.ofSeconds(30);

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--all", description = "Every historical invoice not attempted yet")
    boolean all;

    @Option(name = "--no-wait", description = "Queue them and return; accounting:sync-history --company c --no-wait with no "
            + "invoices named shows where they stand")
    boolean noWait;

    @Option(name = "--timeout", description = "Stop showing progress after this many seconds (the invoices keep going)")
    int timeoutSeconds;

    @Argument(index = 0, name = "hostInvoiceIds", description = "The host ids of the invoices to send", multiValued = true)
    List<String> hostInvoiceIds;

    @Reference
    AccountingSync sync;

    ConsoleTime time = ConsoleTime.of(Clock.systemUTC());

    @Override
    public Object execute() {
        List<String> ids = hostInvoiceIds == null ? List.of() : hostInvoiceIds;
        if (all == !ids.isEmpty()) {
            return Refusal.invalid("Name the invoices (their host ids) or give --all, not both and not neither");
        }
        try {
            CompanyId id = CompanyId.of(company);
            // looked at before queuing: once queued, the dispatcher may have sent them by the time they are looked at
            List<String> notQueued = notQueued(id, ids);
            int queued = sync.syncHistorical(id, ids);
            System.out.println("Queued " + queued + " historical invoice" + (queued == 1 ? "" : "s") + " of " + id);
            if (!notQueued.isEmpty()) {
                System.out.println("Not queued: " + String.join(", ", notQueued));
            }
            HistoryProgress progress = HistoryProgress.of(sync, id);
            System.out.println(line(progress, queued, progress));
            if (noWait || progress.settled()) {
                return done(id, progress);
            }
            return follow(id, queued, progress);
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }

    /** Each id named that was not queued, and why: unknown, or not a historical invoice waiting to be asked for. */
    private List<String> notQueued(CompanyId company, List<String> ids) {
        List<String> reasons = new ArrayList<>();
        for (String hostId : ids) {
            SyncStatus status = sync.status(DocumentRef.invoice(company, hostId)).map(s -> s.status()).orElse(null);
            if (status == null) {
                reasons.add(hostId + " (no such invoice: register it first)");
            } else if (status != SyncStatus.NOT_ATTEMPTED) {
                reasons.add(hostId + " (" + status + ", not a historical invoice waiting to be sent)");
            }
        }
        return reasons;
    }

    private Object follow(CompanyId company, int queued, HistoryProgress start) {
        Instant deadline = timeoutSeconds > 0 ? time.now().plusSeconds(timeoutSeconds) : Instant.MAX;
        HistoryProgress shown = start;
        Instant nextProgress = time.now().plus(PROGRESS);
        try {
            while (time.now().isBefore(deadline)) {
                time.pause(POLL);
                HistoryProgress now = HistoryProgress.of(sync, company);
                if (now.settled()) {
                    System.out.println(line(start, queued, now));
                    return done(company, now);
                }
                if (!now.equals(shown) || !time.now().isBefore(nextProgress)) {
                    System.out.println(line(start, queued, now));
                    shown = now;
                    nextProgress = time.now().plus(PROGRESS);
                }
            }
            System.out.println("Stopped showing progress after " + timeoutSeconds + " s; the invoices keep going (accounting:status "
                    + company + ").");
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            System.out.println("Stopped showing progress; the invoices keep going (accounting:status " + company + ").");
        }
        return null;
    }

    /** How far the queued invoices have gone since the command started, and the company's invoices by where they stand. */
    private static String line(HistoryProgress start, int queued, HistoryProgress now) {
        long gone = Math.max(0, Math.min(queued, start.queued() - now.queued()));
        return "  " + gone + "/" + queued + " sent  (queued " + now.queued() + ", synced " + now.synced() + ", failed "
                + now.failed() + ", not attempted " + now.notAttempted() + ")";
    }

    private static Object done(CompanyId company, HistoryProgress progress) {
        if (!progress.settled()) {
            return null;
        }
        System.out.println("Done: nothing queued. Synced " + progress.synced() + ", failed " + progress.failed()
                + (progress.failed() > 0 ? " (accounting:documents --company " + company + " --status FAILED --kind INVOICE says why)" : ""));
        return null;
    }
}
