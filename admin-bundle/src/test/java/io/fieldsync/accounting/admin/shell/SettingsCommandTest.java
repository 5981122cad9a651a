package io.fieldsync.accounting.admin.shell;

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
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** accounting:settings, as an admin types it. */
class SettingsCommandTest {

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

    private SettingsCommand command() {
        SettingsCommand command = new SettingsCommand();
        command.setup = engine.setup;
        command.company = "acme";
        return command;
    }

    @Test
    void withoutOptionsItShowsTheSettingsAndChangesNothing() {
        command().execute();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Sync settings of acme", "invoices pushed as   : APPROVED",
                "auto-sync invoices   : on", "polling interval     : the node's default");
        assertThat(engine.setup.settings(ACME)).isEqualTo(SyncSettings.defaults());
    }

    @Test
    void theOptionsGivenChangeThoseSettingsOnlyAndTheResultIsShown() {
        SettingsCommand command = command();
        command.autoSyncPayments = "off";
        command.pollingInterval = "30";
        command.pushAs = "draft";

        command.execute();

        assertThat(engine.setup.settings(ACME)).isEqualTo(new SyncSettings(InvoiceStatusOnPush.DRAFT, true, false, true, false, 30));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("auto-sync payments   : off", "polling interval     : 30 min");
    }

    @Test
    void offAndDefaultAreWordsForThePollingInterval() {
        SettingsCommand off = command();
        off.pollingInterval = "off";
        off.execute();
        assertThat(engine.setup.settings(ACME).pollingIntervalMinutes()).isZero();

        SettingsCommand byDefault = command();
        byDefault.pollingInterval = "default";
        byDefault.execute();
        assertThat(engine.setup.settings(ACME).pollingIntervalMinutes()).isNull();
    }

    @Test
    void oneBadValueIsNamedAndNothingIsSaved() {
        SettingsCommand tooOften = command();
        tooOften.autoSyncInvoices = "off";
        tooOften.pollingInterval = "1";
        tooOften.execute();
        SettingsCommand garbage = command();
        garbage.autoSyncInvoices = "off";
        garbage.keepNumbers = "maybe";
        garbage.execute();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pollingIntervalMinutes", "5 to 1440")
                .contains("--keep-numbers must be on or off, not 'maybe'");
        assertThat(engine.setup.settings(ACME)).isEqualTo(SyncSettings.defaults());
    }
}
