package io.fieldsync.accounting.engine.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import java.nio.file.Path;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.engine.Configs;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;

/** accounting:providers shows each provider's limits as the provider declares them, its configuration included. */
class ProvidersCommandTest {

    @TempDir
    Path keys;

    @AutoClose
    FreshDatabase database = TestDatabase.H2.fresh();

    @Test
    void theDailyAndAppWideLimitsAreShownBesideTheMinuteLimit() throws Exception {
        Stores stores = Stores.open(database.dataSource(), keys.resolve("token.key"), TestEngine.fixedClock());
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.engine("scripted"));
        ScriptedProvider provider = new ScriptedProvider("scripted");
        directory.addProvider(provider, provider.properties(1L));
        ProvidersCommand command = new ProvidersCommand();
        command.directory = directory;

        String shown = printed(command);

        assertThat(shown).contains("Calls/min").contains("Calls/day").contains("App calls/min");
        assertThat(shown.lines().filter(line -> line.contains("scripted")).findFirst()).hasValueSatisfying(row ->
                assertThat(row).contains(" 60 ").contains(" 5000 ").contains(" 10000 "));
    }

    @Test
    void withNoDefaultProviderItSaysThatCompaniesWithoutAChoiceWaitNotThatNoneIsMissing() throws Exception {
        Stores stores = Stores.open(database.dataSource(), keys.resolve("token.key"), TestEngine.fixedClock());
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.engine("none"));
        ScriptedProvider provider = new ScriptedProvider("scripted");
        directory.addProvider(provider, provider.properties(1L));
        ProvidersCommand command = new ProvidersCommand();
        command.directory = directory;

        String shown = printed(command);

        assertThat(shown).contains("No default provider: companies without their own choice (accounting:use --company) wait for one.")
                .doesNotContain("'none' is not installed");
    }

    @Test
    void aProviderWithoutADailyLimitShowsADashNotTheLargestInteger() throws Exception {
        Stores stores = Stores.open(database.dataSource(), keys.resolve("token.key"), TestEngine.fixedClock());
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.engine("scripted"));
        ScriptedProvider provider = new ScriptedProvider("scripted");
        provider.limits = new io.fieldsync.accounting.api.spi.ProviderLimits(500, 10, Integer.MAX_VALUE, 0, java.util.Map.of());
        directory.addProvider(provider, provider.properties(1L));
        ProvidersCommand command = new ProvidersCommand();
        command.directory = directory;

        String shown = printed(command);

        assertThat(shown).doesNotContain(String.valueOf(Integer.MAX_VALUE));
        assertThat(shown.lines().filter(line -> line.contains("scripted")).findFirst()).hasValueSatisfying(row ->
                assertThat(row).contains(" 500 ").contains(" - "));
    }

    @Test
    void aProviderPointedAtASandboxSaysSoAndOneAtTheVendorSaysNothing() throws Exception {
        Stores stores = Stores.open(database.dataSource(), keys.resolve("token.key"), TestEngine.fixedClock());
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.engine("xero"));
        ScriptedProvider xero = new ScriptedProvider("xero");
        xero.nonVendor = java.util.List.of("api.url http://localhost:8181/sandbox/xero");
        directory.addProvider(xero, xero.properties(1L));
        ScriptedProvider quickbooks = new ScriptedProvider("quickbooks");
        directory.addProvider(quickbooks, quickbooks.properties(2L));
        ProvidersCommand command = new ProvidersCommand();
        command.directory = directory;

        String shown = printed(command);

        assertThat(shown.lines().filter(line -> line.startsWith("NOT THE VENDOR"))).singleElement().asString()
                .contains("api.url http://localhost:8181/sandbox/xero").contains("do not reach the real books");
    }

    @Test
    void aProviderWhoseEncryptedSecretCannotBeDecryptedSaysWhichPropertyBeforeAConnectIsRefused() throws Exception {
        Stores stores = Stores.open(database.dataSource(), keys.resolve("token.key"), TestEngine.fixedClock());
        ProviderDirectory directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), Configs.engine("xero"));
        ScriptedProvider xero = new ScriptedProvider("xero");
        xero.problems = java.util.List.of(io.fieldsync.accounting.api.SyncError.of(io.fieldsync.accounting.api.ErrorCode.INVALID_CONFIGURATION,
                "client.secret in io.fieldsync.accounting.xero is encrypted (ENC(...)) but no Jasypt StringEncryptor matching "
                        + "decryptor.target (alias=accounting) is registered"));
        directory.addProvider(xero, xero.properties(1L));
        ProvidersCommand command = new ProvidersCommand();
        command.directory = directory;

        String shown = printed(command);

        assertThat(shown.lines().filter(line -> line.contains("client.secret"))).singleElement().asString()
                .startsWith("Configuration error (Scripted xero): client.secret in io.fieldsync.accounting.xero is encrypted");
    }

    private static String printed(ProvidersCommand command) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
