package io.fieldsync.accounting.engine.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** accounting:use --company and accounting:rebind, as an admin types them. */
class UseCommandTest {

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
        engine.install(new ScriptedProvider("xero"));
        engine.install(new ScriptedProvider("quickbooks"));
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

    @Test
    void useWithACompanyChoosesForThatCompanyOnlyAndRecordsTheShellAsWhoChose() throws Exception {
        use("acme", "quickbooks");

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Accounting provider of acme: quickbooks");
        assertThat(engine.providers.provider(ACME).chosenBy()).startsWith("shell");
        assertThat(engine.providers.provider(CompanyId.of("bolt")).provider()).isEqualTo("xero");
        assertThat(engine.directory.configuredId()).isEqualTo("xero");
    }

    @Test
    void choosingAProviderThatIsNotInstalledIsAllowedButSaysSo() throws Exception {
        use("acme", "myob");

        assertThat(engine.providers.provider(ACME).provider()).isEqualTo("myob");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'myob' is not installed: documents wait until it is");
    }

    @Test
    void aGarbageProviderIdIsRefusedAndNothingChanges() throws Exception {
        use("acme", "Xero!");

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'Xero!' is not an accounting provider id");
        assertThat(engine.providers.provider(ACME).chosen()).isFalse();
    }

    @Test
    void rebindListsWhatMovedAndWhatStaysWithTheReason() throws Exception {
        ScriptedProvider xero = (ScriptedProvider) engine.directory.provider("xero").orElseThrow().provider();
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        xero.invoiceOutcome = push -> push.invoice().hostId().equals("I-2")
                ? PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice I-2"))
                : PushOutcome.synced(push.document(), "xero-inv-" + push.invoice().hostId(), push.invoice().number());
        engine.sync.invoiceLocked(ACME, Samples.invoice("I-1", Samples.customer("C-1")));
        engine.sync.invoiceLocked(ACME, Samples.invoice("I-2", Samples.customer("C-1")));
        engine.pass();
        use("acme", "quickbooks");
        RebindCommand rebind = new RebindCommand();
        rebind.providers = engine.providers;
        rebind.company = "acme";

        rebind.execute();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Moved to quickbooks : 1", "  INVOICE I-2",
                "Stay where they are : 1", "  INVOICE I-1 (xero): it exists in xero (as INV-I-1)");
    }

    private void use(String company, String provider) throws Exception {
        UseCommand command = new UseCommand();
        command.directory = engine.directory;
        command.providers = engine.providers;
        command.company = company;
        command.provider = provider;
        command.execute();
    }
}
