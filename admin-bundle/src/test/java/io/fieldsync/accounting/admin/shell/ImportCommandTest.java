package io.fieldsync.accounting.admin.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** accounting:import, as an admin types it. */
class ImportCommandTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream outBefore;
    private PrintStream errBefore;

    @BeforeEach
    void start() {
        engine = new TestEngine(keys, "xero");
        engine.install(new ScriptedProvider("xero") {
            @Override
            public ReferenceData referenceData(ProviderSession session) {
                return new ReferenceData("Demo Plumbing Ltd", List.of(new RemoteAccount("a1", "200", "Sales", AccountType.REVENUE, true, false)),
                        List.of(new RemoteTaxRate("OUTPUT2", "GST on Income", new BigDecimal("15.0000"), true, true),
                                new RemoteTaxRate("NONE", "No GST", BigDecimal.ZERO, true, true)),
                        List.of(new RemoteItem("item-1", "PIPE", "Copper pipe", true)), engine.clock.instant());
            }
        });
        engine.connect(ACME);
        engine.setup.saveMappings(ACME, new Mappings(Map.of(), Map.of(), Map.of("GST", "OUTPUT2"), "200", "090", Map.of()));
        outBefore = System.out;
        errBefore = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        System.setOut(outBefore);
        System.setErr(errBefore);
        engine.close();
    }

    private ImportCommand command() {
        return command(new io.fieldsync.accounting.admin.ImportJobs(engine.setup, Runnable::run));
    }

    private ImportCommand command(io.fieldsync.accounting.admin.ImportJobs imports) {
        ImportCommand command = new ImportCommand();
        command.imports = imports;
        command.company = "acme";
        return command;
    }

    @Test
    void itImportsShowingEachStepAndWhatEachTaxRateAndItemIsLinkedTo() {
        command().execute();

        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("Import job \\S+ of acme \\(tax-rates-and-items\\)")
                .contains("[1] reading the accounting system's accounts, tax rates and items",
                        "[2] read 2 tax rate(s) and 1 item(s) from Demo Plumbing Ltd; no links given",
                        "[3] 3 row(s): 1 linked to a host value, 2 not linked", "DONE: read 3, matched 1, decided 0, created 0, failed 0")
                .containsPattern("OUTPUT2 .* <- GST").containsPattern("NONE .* <- \\(not linked\\)")
                .containsPattern("PIPE .* <- \\(not linked\\)");
    }

    @Test
    void linksGivenByHandAreAppliedAndShown() {
        ImportCommand command = command();
        command.taxRates = List.of("ZERO=NONE");
        command.items = List.of("Materials=PIPE");
        command.ignoredTaxRates = List.of("GST");

        command.execute();

        assertThat(engine.setup.mappings(ACME).taxRateByHostTaxRate()).isEqualTo(Map.of("ZERO", "NONE"));
        assertThat(engine.setup.mappings(ACME).itemByCategory()).isEqualTo(Map.of("Materials", "PIPE"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("applying 3 link(s)").containsPattern("NONE .* <- ZERO")
                .containsPattern("PIPE .* <- Materials");
    }

    @Test
    void aMalformedOrUnknownLinkIsNamedAndNothingChanges() {
        ImportCommand malformed = command();
        malformed.taxRates = List.of("ZERO");
        malformed.execute();
        ImportCommand unknown = command();
        unknown.taxRates = List.of("ZERO=NONE", "HST=NOPE");
        unknown.execute();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tax-rate takes HOST=REMOTE, not 'ZERO'")
                .contains("Error (INVALID_INPUT)").contains("choices[1].remoteKey");
        assertThat(engine.setup.mappings(ACME).taxRateByHostTaxRate()).isEqualTo(Map.of("GST", "OUTPUT2"));
    }

    @Test
    void itFollowsAnImportRunningOnAnotherThreadStepByStepUntilItIsDone() throws Exception {
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            command(new io.fieldsync.accounting.admin.ImportJobs(engine.setup, worker)).execute();
        } finally {
            worker.shutdownNow();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[1] reading", "[2] read 2 tax rate(s)", "[3] 3 row(s)", "DONE: read 3")
                .containsPattern("PIPE .* <- \\(not linked\\)");
    }

    @Test
    void anImportOfTheCompanyAlreadyRunningIsRefusedNamingIt() {
        io.fieldsync.accounting.admin.ImportJobs imports = new io.fieldsync.accounting.admin.ImportJobs(engine.setup, work -> { });
        String running = imports.start(ACME, io.fieldsync.accounting.admin.ImportJob.Kind.ITEMS,
                io.fieldsync.accounting.admin.ImportJobs.Request.reference(List.of()), "karaf").id();

        command(imports).execute();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Error: ").contains("already running").contains(running);
    }
}
