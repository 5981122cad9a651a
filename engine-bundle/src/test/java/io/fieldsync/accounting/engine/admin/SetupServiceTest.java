package io.fieldsync.accounting.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.MappingGap;
import io.fieldsync.accounting.api.admin.MappingValidation;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class SetupServiceTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    /** Closed after the engine (JUnit closes it once the test and its @AfterEach are done). */
    @AutoClose
    FreshDatabase database;

    private TestEngine engine;

    @BeforeEach
    void startEngine() {
        database = kind.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        engine.install(new ScriptedProvider("xero") {
            @Override
            public ReferenceData referenceData(ProviderSession session) {
                return new ReferenceData("Demo Plumbing Ltd", List.of(
                        new RemoteAccount("a1", "200", "Sales - Labour", AccountType.REVENUE, true, false),
                        new RemoteAccount("a2", "210", "Sales - Materials", AccountType.REVENUE, false, false),
                        new RemoteAccount("a3", "090", "Business Bank", AccountType.BANK, true, true)),
                        List.of(new RemoteTaxRate("OUTPUT2", "GST on Income", new BigDecimal("15.0000"), true, true),
                                new RemoteTaxRate("OLDGST", "Old GST", new BigDecimal("12.5000"), false, true)),
                        List.of(), engine.clock.instant());
            }
        });
        engine.connect(ACME);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void validationNamesEveryGapIncludingMappingsToInactiveAccountsAndRates() {
        engine.setup.saveMappings(ACME, new Mappings(Map.of(ProductCategory.LABOUR, "200", ProductCategory.MATERIALS, "210"),
                Map.of(), Map.of("GST", "OUTPUT2", "GST-OLD", "OLDGST"), null, null, "090", Map.of()));

        MappingValidation validation = engine.setup.validateMappings(ACME, Set.of("Subcontracting"), Set.of("GST", "GST-OLD", "PST"));

        assertThat(validation.isComplete()).isFalse();
        assertThat(validation.gaps()).extracting(MappingGap::subject).containsExactlyInAnyOrder(
                "Category Materials", "Category Equipment", "Category Other", "Category Subcontracting", "GST-OLD", "PST");
        assertThat(validation.gaps()).filteredOn(gap -> gap.subject().equals("Category Materials")).singleElement()
                .satisfies(gap -> assertThat(gap.message()).contains("210").contains("active revenue account"));
        assertThat(validation.gaps()).filteredOn(gap -> gap.code() == ErrorCode.TAX_MAPPING_MISSING).hasSize(2);
    }

    @Test
    void completeMappingsValidateClean() {
        engine.setup.saveMappings(ACME, new Mappings(Map.of(), Map.of(), Map.of("GST", "OUTPUT2"), "200", null, "090", Map.of()));

        assertThat(engine.setup.validateMappings(ACME, Set.of(), Set.of("GST")).gaps()).isEmpty();
    }

    @Test
    void aDepositAccountThatCannotTakePaymentsIsAGap() {
        engine.setup.saveMappings(ACME, new Mappings(Map.of(), Map.of(), Map.of(), "200", null, "090",
                Map.of(PaymentMethod.CARD, "200")));

        assertThat(engine.setup.validateMappings(ACME, Set.of(), Set.of()).gaps()).singleElement()
                .satisfies(gap -> assertThat(gap.subject()).contains("card payments"));
    }

    @Test
    void referenceDataIsReadOnceAndServedFromTheCacheUntilRefreshed() {
        ReferenceData first = engine.setup.referenceData(ACME);
        ReferenceData cached = engine.setup.referenceData(ACME);

        assertThat(cached.fetchedAt()).isEqualTo(first.fetchedAt());
        assertThat(cached.organisationName()).isEqualTo("Demo Plumbing Ltd");
        assertThat(engine.setup.refreshReferenceData(ACME).fetchedAt()).isAfterOrEqualTo(first.fetchedAt());
    }

    @Test
    void settingsDefaultToApprovedWithHostNumbersAndAreSaved() {
        assertThat(engine.setup.settings(ACME)).isEqualTo(SyncSettings.defaults());

        engine.setup.saveSettings(ACME, new SyncSettings(InvoiceStatusOnPush.DRAFT, false, true));

        assertThat(engine.setup.settings(ACME)).isEqualTo(new SyncSettings(InvoiceStatusOnPush.DRAFT, false, true));
    }

    @Test
    void theSwitchesAndThePollingIntervalAreSavedWithTheOtherSettings() {
        SyncSettings manual = new SyncSettings(InvoiceStatusOnPush.DRAFT, false, true, false, true, 30);

        engine.setup.saveSettings(ACME, manual);

        assertThat(engine.setup.settings(ACME)).isEqualTo(manual);
    }

    @Test
    void settingsSavedBeforeTheSwitchesExistedReadAsSyncingEverythingAtTheNodesInterval() throws Exception {
        try (var connection = database.dataSource().getConnection();
             var insert = connection.prepareStatement("INSERT INTO settings (company_id, settings, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, "acme");
            insert.setString(2, "{\"keepHostInvoiceNumbers\":false,\"pushInvoicesAs\":\"DRAFT\",\"twoWayNameSync\":true}");
            insert.setObject(3, java.time.OffsetDateTime.parse("2026-10-01T00:00:00Z"));
            insert.executeUpdate();
        }

        assertThat(engine.setup.settings(ACME)).isEqualTo(new SyncSettings(InvoiceStatusOnPush.DRAFT, false, true, true, true, null));
    }

    @Test
    void aPollingIntervalOutsideFiveMinutesToADayIsRefusedAndNothingIsSaved() {
        for (int minutes : new int[] {-1, 1, 4, 1441}) {
            assertThatThrownBy(() -> engine.setup.saveSettings(ACME,
                    new SyncSettings(InvoiceStatusOnPush.DRAFT, true, false, true, true, minutes)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("pollingIntervalMinutes").hasMessageContaining("5 to 1440");
        }
        assertThat(engine.setup.settings(ACME)).isEqualTo(SyncSettings.defaults());

        engine.setup.saveSettings(ACME, new SyncSettings(InvoiceStatusOnPush.APPROVED, true, false, true, true, 0));
        assertThat(engine.setup.settings(ACME).pollingIntervalMinutes()).as("no polling").isZero();
    }
}
