package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.admin.HistoryProgress;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.Samples;

/** accounting:sync-history queues historical invoices and shows them going out, as the REST API counts them. */
class SyncHistoryCommandTest {

    @TempDir
    Path keys;

    private ShellFixture shell;

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
        shell.engine.setup.saveMappings(ACME, Samples.completeMappings());
        shell.engine.connect(ACME);
        List<Invoice> history = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            history.add(Samples.invoice("H-" + i, Samples.customer("C-" + i)));
        }
        shell.engine.sync.registerHistorical(ACME, history);
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void allQueuesEveryHistoricalInvoiceAndShowsProgressUntilNothingIsQueued() {
        SyncHistoryCommand command = command(true, false);
        ShellFixture.SteppedTime time = shell.time(() -> shell.engine.pass());
        command.time = time;

        command.execute();

        assertThat(shell.out()).contains("Queued 3 historical invoices of acme",
                "  0/3 sent  (queued 3, synced 0, failed 0, not attempted 0)",
                "  3/3 sent  (queued 0, synced 3, failed 0, not attempted 0)",
                "Done: nothing queued. Synced 3, failed 0");
        assertThat(time.pauses).hasSize(1);
        assertThat(HistoryProgress.of(shell.engine.sync, ACME)).isEqualTo(new HistoryProgress(0, 0, 3, 0));
    }

    @Test
    void namedInvoicesAreQueuedAndThoseThatCannotBeAreNamedWithWhy() {
        SyncHistoryCommand command = command(false, true);
        command.hostInvoiceIds = List.of("H-1", "H-9");

        command.execute();
        command.execute();

        assertThat(shell.out()).contains("Queued 1 historical invoice of acme", "Not queued: H-9 (no such invoice: register it first)",
                "Queued 0 historical invoices of acme",
                "Not queued: H-1 (PENDING, not a historical invoice waiting to be sent), H-9 (no such invoice: register it first)");
        assertThat(shell.out()).doesNotContain("Done:");
        assertThat(shell.engine.sync.status(io.fieldsync.accounting.api.DocumentRef.invoice(ACME, "H-2")).orElseThrow().status())
                .isEqualTo(SyncStatus.NOT_ATTEMPTED);
    }

    @Test
    void aLaneThatDoesNotMoveStillShowsWhereThingsStandAndTheTimeoutEndsTheWaitNotTheSync() {
        shell.engine.connections.disconnect(ACME);
        SyncHistoryCommand command = command(true, false);
        command.timeoutSeconds = 65;
        command.time = shell.time(() -> shell.engine.pass());

        command.execute();

        assertThat(shell.out().lines().filter(line -> line.contains("0/3 sent  (queued 3")).count())
                .as("the first line, then one every 30 s").isEqualTo(3);
        assertThat(shell.out()).contains("Stopped showing progress after 65 s; the invoices keep going (accounting:status acme).");
    }

    @Test
    void neitherIdsNorAllIsRefused() {
        command(false, false).execute();

        assertThat(shell.errors()).containsExactly(
                "Error (INVALID_INPUT): Name the invoices (their host ids) or give --all, not both and not neither");
    }

    private SyncHistoryCommand command(boolean all, boolean noWait) {
        SyncHistoryCommand command = new SyncHistoryCommand();
        command.sync = shell.engine.sync;
        command.company = "acme";
        command.all = all;
        command.noWait = noWait;
        command.time = shell.time(() -> { });
        return command;
    }
}
