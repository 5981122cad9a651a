package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.engine.Samples;

/** Tab on the options of the commands offers what the engine and the company's accounting system have. */
class CompletersTest {

    @TempDir
    Path keys;

    private ShellFixture shell;

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
        shell.engine.setup.saveMappings(ACME, Samples.completeMappings());
        shell.engine.connect(ACME);
        shell.engine.providers.choose(CompanyId.of("bolt"), "quickbooks", "test");
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void companiesAreThoseTheEngineKnows() {
        CompanyCompleter completer = new CompanyCompleter();
        completer.providers = shell.engine.providers;

        assertThat(complete(completer, "accounting:documents --company ")).contains("bolt");
        assertThat(complete(completer, "accounting:documents --company b")).containsExactly("bolt");
    }

    @Test
    void accountsAreTheActiveOnesOfTheCompanyOnTheLine() {
        AccountCompleter completer = new AccountCompleter();
        completer.setup = shell.engine.setup;

        assertThat(complete(completer, "accounting:map --company acme --category Labour --account "))
                .contains("200", "090", "820").doesNotContain("299");
        assertThat(complete(completer, "accounting:map --category Labour --account ")).as("no company yet").isEmpty();
        assertThat(complete(completer, "accounting:map --company nobody-connected --account ")).as("not connected: nothing, no error").isEmpty();
    }

    @Test
    void categoriesAreTheStandardOnesAndThoseMappedAndTaxCodesThoseThatAreActive() {
        CategoryCompleter categories = new CategoryCompleter();
        categories.setup = shell.engine.setup;
        TaxCodeCompleter taxes = new TaxCodeCompleter();
        taxes.setup = shell.engine.setup;
        HostTaxRateCompleter hostTaxes = new HostTaxRateCompleter();
        hostTaxes.setup = shell.engine.setup;

        assertThat(complete(categories, "accounting:map --company acme --category ")).contains("Labour", "Materials", "Equipment", "Other");
        assertThat(complete(taxes, "accounting:map --company acme --tax-rate GST --to ")).contains("OUTPUT2", "ZERORATEDOUTPUT", "INPUT2");
        assertThat(complete(hostTaxes, "accounting:map --company acme --tax-rate ")).contains("GST");
    }

    @Test
    void kindsStatusesAndPaymentMethodsAreTheApisOwn() {
        assertThat(complete(new DocumentKindCompleter(), "accounting:retry --company acme ")).contains("INVOICE", "CREDIT_NOTE", "PAYMENT");
        assertThat(complete(new SyncStatusCompleter(), "accounting:documents --company acme --status F")).containsExactly("FAILED");
        assertThat(complete(new PaymentMethodCompleter(), "accounting:map --company acme --deposit ")).contains("CARD", "CASH");
    }

    /** What Karaf's console hands a completer for the line typed so far, the cursor at its end. */
    private static List<String> complete(Completer completer, String typed) {
        List<String> words = new ArrayList<>(List.of(typed.strip().split("\\s+")));
        String current = typed.endsWith(" ") ? "" : words.remove(words.size() - 1);
        words.add(current);
        CommandLine line = new CommandLineImpl(words.toArray(String[]::new), words.size() - 1, current.length(), typed.length(), typed);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates.stream().map(String::strip).toList();
    }
}
