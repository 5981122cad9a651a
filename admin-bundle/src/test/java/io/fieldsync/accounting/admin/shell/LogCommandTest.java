package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.admin.SyncLogLine;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.Samples;

/** accounting:log shows the calls made for a company, filtered, and exports them as the REST API's CSV. */
class LogCommandTest {

    @TempDir
    Path keys;

    @TempDir
    Path downloads;

    private ShellFixture shell;

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
        shell.engine.setup.saveMappings(ACME, Samples.completeMappings());
        shell.engine.connect(ACME);
        for (String hostId : List.of("I-1", "I-2")) {
            ProviderSession session = shell.engine.dispatcher.session(ACME, shell.engine.directory.provider("xero").orElseThrow());
            session.record(new SyncLogEntry(ACME, DocumentRef.invoice(ACME, hostId), "xero", "POST /Invoices",
                    hostId.equals("I-2") ? 400 : 200, hostId.equals("I-2") ? "=HYPERLINK(\"x\"), Account code '200' is archived" : null,
                    Duration.ofMillis(120), shell.engine.clock.instant()));
            shell.engine.clock.advance(Duration.ofMinutes(10));
        }
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void theLogListsTheCallsNewestFirstWithTheVendorsWords() {
        log(null, false, null, null);

        List<String> rows = shell.out().lines().filter(line -> line.contains("POST /Invoices")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains("INVOICE/I-2", "400", "Account code '200' is archived");
        assertThat(rows.get(1)).contains("INVOICE/I-1", "200", "120");
    }

    @Test
    void theLogFiltersByDocumentErrorsAndTime() {
        log("invoice/I-1", false, null, null);
        assertThat(shell.out()).contains("INVOICE/I-1").doesNotContain("INVOICE/I-2").contains("1 call");

        log(null, true, null, null);
        log(null, false, "15m", null);

        assertThat(shell.out().lines().filter(line -> line.contains("INVOICE/I-2")).count()).isEqualTo(2);
        assertThat(shell.out().lines().filter(line -> line.contains("INVOICE/I-1")).count()).isEqualTo(1);
    }

    @Test
    void exportWritesTheRestApisCsvAndNeverOverwritesWithoutForce() throws Exception {
        Path file = downloads.resolve("acme.csv");

        log(null, false, null, file.toString());

        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo(SyncLogLine.csv(shell.engine.sync.syncLog(SyncLogQuery.latest(ACME, 1000))));
        assertThat(csv).startsWith("at,provider,operation,http_status,duration_ms,kind,host_id,vendor_error,carried\r\n")
                .contains("\"'=HYPERLINK(\"\"x\"\"), Account code '200' is archived\"");
        assertThat(shell.out()).contains("Wrote 2 calls to " + file);

        log(null, false, null, file.toString());

        assertThat(shell.errors()).containsExactly("Error (INVALID_INPUT): " + file + " exists; give --force to replace it");
    }

    @Test
    void aBatchedCallIsFoundFromEachDocumentItCarriedAndExportedWithThemAll() throws Exception {
        shell.xero.metered = true;
        for (String hostId : List.of("B-1", "B-2", "B-3")) {
            shell.engine.sync.invoiceLocked(ACME, Samples.invoice(hostId, Samples.customer("C-1")));
        }
        shell.engine.drain();

        log("INVOICE/B-2", false, null, null);

        assertThat(shell.out().lines().filter(line -> line.contains("invoices"))).singleElement()
                .satisfies(row -> assertThat(row).contains("batch of 3 with INVOICE/B-2"));
        assertThat(shell.out()).doesNotContain("INVOICE/I-1");

        Path file = downloads.resolve("b-3.csv");
        log("INVOICE/B-3", false, null, file.toString());

        assertThat(Files.readString(file, StandardCharsets.UTF_8).lines().filter(line -> line.contains(",invoices,")))
                .singleElement().satisfies(line -> assertThat(line).endsWith(",INVOICE/B-1; INVOICE/B-2; INVOICE/B-3"));
    }

    @Test
    void aBadDocumentOrSinceIsOneLineNamingWhatIsUnderstood() {
        log("JOB-5001", false, null, null);
        log(null, false, "yesterday", null);

        assertThat(shell.errors()).containsExactly(
                "Error (INVALID_INPUT): 'JOB-5001' does not name a document: give kind/hostId, e.g. INVOICE/JOB-5001",
                "Error (INVALID_INPUT): --since 'yesterday' is not an instant (2026-11-02T09:00:00Z), a day (2026-11-02) or an age (30m, 2h, 7d)");
    }

    private void log(String document, boolean errors, String since, String export) {
        LogCommand command = new LogCommand();
        command.sync = shell.engine.sync;
        command.company = "acme";
        command.document = document;
        command.errors = errors;
        command.since = since;
        command.export = export;
        command.time = shell.time(() -> { });
        command.execute();
    }
}
