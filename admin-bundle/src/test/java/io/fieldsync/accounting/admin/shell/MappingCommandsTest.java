package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.MappingGap;
import io.fieldsync.accounting.api.admin.Mappings;

/** accounting:mappings shows what the REST API shows; accounting:map changes one mapping, never to something that is not there. */
class MappingCommandsTest {

    @TempDir
    Path keys;

    private ShellFixture shell;

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
        shell.engine.connect(ACME);
        shell.engine.setup.saveMappings(ACME, new Mappings(Map.of(ProductCategory.LABOUR, "200"), Map.of(), Map.of("GST", "OUTPUT2"),
                null, null, "090", Map.of()));
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void mappingsListsTheMappingsAndEveryGapTheEngineNames() {
        mappings(List.of("Drains"), List.of("GST-FREE"));

        List<MappingGap> gaps = shell.engine.setup.validateMappings(ACME, Set.of("Drains"), Set.of("GST", "GST-FREE")).gaps();
        assertThat(gaps).hasSize(5);
        assertThat(shell.out()).contains("Revenue accounts : Labour -> 200", "Tax rates        : GST -> OUTPUT2",
                "Deposit account  : 090", "Gaps             : 5");
        gaps.forEach(gap -> assertThat(shell.out()).contains("  " + gap.code() + "  " + gap.message()));
    }

    @Test
    void mappingsOfACompanyNotConnectedSaysWhyTheGapsAreNotChecked() {
        shell.engine.connections.disconnect(ACME);

        mappings(List.of(), List.of());

        assertThat(shell.out()).contains("Revenue accounts : Labour -> 200", "Gaps             : not checked: ");
    }

    @Test
    void mapPutsACategoryOnARevenueAccountWhateverTheCaseTyped() {
        MapCommand command = map();
        command.category = "MATERIALS";
        command.account = "210";
        command.execute();

        assertThat(shell.engine.setup.mappings(ACME).revenueAccountByCategory()).containsEntry(ProductCategory.MATERIALS, "210");
        assertThat(shell.out()).contains("Mapped category Materials to account 210 (Sales 210)", "Gaps left: 2");
        assertThat(shell.errors()).isEmpty();
    }

    @Test
    void anAccountTheAccountingSystemDoesNotHaveIsRefusedNamingTheAccountsItHas() {
        Mappings before = shell.engine.setup.mappings(ACME);
        MapCommand command = map();
        command.category = "Materials";
        command.account = "999";
        command.execute();

        assertThat(String.join("\n", shell.errors())).isEqualTo("Error (INVALID_INPUT): Demo Plumbing Ltd has no active revenue account '999'. "
                + "Revenue accounts: 200 (Sales 200), 210 (Sales 210), 220 (Sales 220), 230 (Sales 230), 260 (Sales 260).");
        assertThat(shell.engine.setup.mappings(ACME)).isEqualTo(before);
    }

    @Test
    void anArchivedOrWrongKindOfAccountIsRefusedSayingWhatItIs() {
        MapCommand archived = map();
        archived.category = "Materials";
        archived.account = "299";
        archived.execute();
        MapCommand bank = map();
        bank.category = "Materials";
        bank.account = "090";
        bank.execute();

        assertThat(shell.err()).contains("has no active revenue account '299' (299 (Old sales) is archived).",
                "has no active revenue account '090' (090 (Business Bank) is a BANK account).");
        assertThat(shell.engine.setup.mappings(ACME).revenueAccountByCategory()).doesNotContainKey(ProductCategory.MATERIALS);
    }

    @Test
    void aHostTaxRateGoesToAnActiveSalesTaxRateOnly() {
        MapCommand purchase = map();
        purchase.taxRate = "GST-FREE";
        purchase.to = "INPUT2";
        purchase.execute();
        assertThat(shell.err()).contains("Error (INVALID_INPUT): Demo Plumbing Ltd has no active sales tax rate 'INPUT2'. "
                + "Tax rates: OUTPUT2 (GST on Income, 15 %), ZERORATEDOUTPUT (Zero Rated Income, 0 %).");

        MapCommand sales = map();
        sales.taxRate = "GST-FREE";
        sales.to = "zeroratedoutput";
        sales.execute();

        assertThat(shell.engine.setup.mappings(ACME).taxRateByHostTaxRate()).containsEntry("GST-FREE", "ZERORATEDOUTPUT");
    }

    @Test
    void aPaymentMethodGetsItsOwnDepositAccountAndDefaultSetsTheFallback() {
        MapCommand card = map();
        card.deposit = "card";
        card.account = "091";
        card.execute();
        MapCommand fallback = map();
        fallback.deposit = "default";
        fallback.account = "091";
        fallback.execute();
        MapCommand notABank = map();
        notABank.deposit = "CASH";
        notABank.account = "200";
        notABank.execute();

        Mappings after = shell.engine.setup.mappings(ACME);
        assertThat(after.depositAccountByMethod()).containsExactly(Map.entry(PaymentMethod.CARD, "091"));
        assertThat(after.depositAccount()).isEqualTo("091");
        assertThat(shell.err()).contains("has no active account that accepts payments '200'", "Accounts that accept payments: "
                + "090 (Business Bank), 091 (Card clearing).");
    }

    @Test
    void aCategoryMayBeMappedToAnActiveItemAndRemovedAgain() {
        MapCommand item = map();
        item.category = "labour";
        item.item = "LAB";
        item.execute();
        assertThat(shell.engine.setup.mappings(ACME).itemByCategory()).containsEntry(ProductCategory.LABOUR, "LAB");
        MapCommand retired = map();
        retired.category = "Labour";
        retired.item = "OLD";
        retired.execute();
        assertThat(shell.err()).contains("has no active item 'OLD'. Items: LAB (Labour hour).");

        MapCommand remove = map();
        remove.category = "Labour";
        remove.remove = true;
        remove.execute();

        assertThat(shell.engine.setup.mappings(ACME).revenueAccountByCategory()).doesNotContainKey(ProductCategory.LABOUR);
        assertThat(shell.engine.setup.mappings(ACME).itemByCategory()).isEmpty();
        assertThat(shell.out()).contains("Mapped removed the mapping of category Labour".replace("Mapped ", ""));
    }

    @Test
    void exactlyOneThingIsMappedAtATime() {
        MapCommand two = map();
        two.category = "Labour";
        two.taxRate = "GST";
        two.account = "200";
        two.execute();
        MapCommand none = map();
        none.account = "200";
        none.execute();

        assertThat(shell.errors()).containsExactly(
                "Error (INVALID_INPUT): Name one thing to map: --category, --tax-rate or --deposit, not [--category, --tax-rate]",
                "Error (INVALID_INPUT): Name one thing to map: --category, --tax-rate or --deposit");
    }

    private MapCommand map() {
        MapCommand command = new MapCommand();
        command.setup = shell.engine.setup;
        command.company = "acme";
        return command;
    }

    private void mappings(List<String> categories, List<String> taxRates) {
        MappingsCommand command = new MappingsCommand();
        command.setup = shell.engine.setup;
        command.company = "acme";
        command.categories = categories;
        command.taxRates = taxRates;
        command.execute();
    }
}
