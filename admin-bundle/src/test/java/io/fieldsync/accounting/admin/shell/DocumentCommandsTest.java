package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.Samples;

/** accounting:documents, :retry and :send-now over a company with synced, failed and waiting documents. */
class DocumentCommandsTest {

    @TempDir
    Path keys;

    private ShellFixture shell;

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
        shell.engine.setup.saveMappings(ACME, Samples.completeMappings());
        shell.engine.connect(ACME);
        shell.xero.invoiceOutcome = push -> push.invoice().hostId().equals("I-2")
                ? PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Xero refused invoice I-2",
                        "Account code '200' is archived"))
                : PushOutcome.synced(push.document(), "xero-inv-" + push.invoice().hostId(), push.invoice().number());
        shell.engine.sync.invoiceLocked(ACME, Samples.invoice("I-1", Samples.customer("C-1")));
        shell.engine.sync.invoiceLocked(ACME, Samples.invoice("I-2", Samples.customer("Harbour")));
        shell.engine.pass();
        shell.engine.clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void documentsShowsEachDocumentWithTheCodeAndReasonItFailed() {
        documents(null, null, null, null);

        String row = line("I-2");
        assertThat(row).contains("INVOICE", "FAILED", "VALIDATION_FAILED: Xero refused invoice I-2 [Account code '200' is archived]");
        assertThat(line("I-1")).contains("SYNCED", "INV-I-1");
        assertThat(shell.out()).contains("2 of 2");
    }

    @Test
    void documentsFiltersByStatusKindTextAndTime() {
        documents(List.of("failed"), List.of("INVOICE"), null, null);
        assertThat(shell.out()).contains("I-2").doesNotContain("I-1 ").contains("1 of 1");

        DocumentsCommand byText = command();
        byText.text = "harbour";
        byText.execute();
        assertThat(shell.out()).contains("1 of 1");

        shell.engine.sync.invoiceLocked(ACME, Samples.invoice("I-3", Samples.customer("C-1")));
        documents(null, null, null, "30m");
        assertThat(line("I-3")).contains("PENDING");
        assertThat(shell.out().lines().filter(l -> l.startsWith("1 of 1")).count()).isEqualTo(3);
    }

    @Test
    void aDocumentWaitingForItsBackOffShowsItsNextAttemptAndSendNowMakesItDue() {
        shell.xero.nextInvoiceCallFails = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"));
        shell.engine.sync.invoiceLocked(ACME, Samples.invoice("I-4", Samples.customer("C-1")));
        shell.engine.pass();
        documents(List.of("PENDING"), null, null, null);
        assertThat(line("I-4")).contains("PENDING", "PROVIDER_UNAVAILABLE", "2026-11-02T10:0");

        SendNowCommand now = new SendNowCommand();
        now.documents = shell.engine.documents;
        now.company = "acme";
        now.kind = "invoice";
        now.hostId = "I-4";
        now.execute();

        assertThat(shell.out()).contains("INVOICE I-4 is due now (PENDING, last: PROVIDER_UNAVAILABLE: ");
        shell.engine.pass();
        assertThat(status("I-4")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void sendNowRefusesADocumentNotQueuedWithTheEngineCode() {
        SendNowCommand now = new SendNowCommand();
        now.documents = shell.engine.documents;
        now.company = "acme";
        now.kind = "INVOICE";
        now.hostId = "I-1";
        now.execute();
        now.hostId = "I-404";
        now.execute();

        assertThat(shell.errors()).hasSize(2);
        assertThat(shell.errors().get(0)).startsWith(
                "Error (PREREQUISITE_MISSING): INVOICE I-1 is not waiting to be sent (it is SYNCED); retry a failed one, sync a historical one");
        assertThat(shell.errors().get(1)).isEqualTo("Error (INVALID_INPUT): No INVOICE 'I-404' of company acme is in the journal");
    }

    @Test
    void retryQueuesTheFailedDocumentAgainAndItSyncsOnceFixed() {
        shell.xero.invoiceOutcome = push -> PushOutcome.synced(push.document(), "xero-inv-" + push.invoice().hostId(), push.invoice().number());

        retry("invoice", "I-2", false);
        shell.engine.pass();

        assertThat(shell.out()).contains("Queued again: INVOICE I-2 (revision 1)");
        assertThat(status("I-2")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void retrySaysWhyADocumentIsNotRetried() {
        retry("INVOICE", "I-1", false);
        retry("INVOICE", "I-9", false);
        retry("RECEIPT", "I-1", false);
        retry(null, null, false);

        assertThat(shell.errors()).containsExactly(
                "Error (PREREQUISITE_MISSING): INVOICE I-1 is SYNCED, not failed: only a failed document is retried",
                "Error (INVALID_INPUT): No INVOICE 'I-9' of company acme is in the journal",
                "Error (INVALID_INPUT): 'RECEIPT' is not a document kind; one of [CUSTOMER, INVOICE, CREDIT_NOTE, PAYMENT]",
                "Error (INVALID_INPUT): Name one document (kind and host id) or give --all-failed, not both and not neither");
    }

    @Test
    void retryAllFailedQueuesEveryFailedDocument() {
        shell.engine.sync.paymentCollected(ACME, Samples.payment("P-1", "I-2", "10.00", PaymentMethod.CARD));
        shell.engine.pass();

        retry(null, null, true);

        assertThat(shell.out()).containsPattern("Queued again: [12] failed documents? of acme");
        assertThat(status("I-2")).isEqualTo(SyncStatus.PENDING);
    }

    private void retry(String kind, String hostId, boolean all) {
        RetryCommand command = new RetryCommand();
        command.sync = shell.engine.sync;
        command.company = "acme";
        command.kind = kind;
        command.hostId = hostId;
        command.allFailed = all;
        command.execute();
    }

    private SyncStatus status(String invoice) {
        return shell.engine.sync.status(DocumentRef.invoice(ACME, invoice)).orElseThrow().status();
    }

    private String line(String hostId) {
        return shell.out().lines().filter(l -> l.contains(" " + hostId + " ")).reduce((first, last) -> last).orElse("");
    }

    private DocumentsCommand command() {
        DocumentsCommand command = new DocumentsCommand();
        command.documents = shell.engine.documents;
        command.company = "acme";
        command.time = shell.time(() -> { });
        return command;
    }

    private void documents(List<String> statuses, List<String> kinds, String text, String since) {
        DocumentsCommand command = command();
        command.statuses = statuses;
        command.kinds = kinds;
        command.text = text;
        command.since = since;
        command.execute();
    }
}
