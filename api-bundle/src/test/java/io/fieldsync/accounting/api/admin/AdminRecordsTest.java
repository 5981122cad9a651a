package io.fieldsync.accounting.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;

/** MappingGap, MappingValidation, ReferenceData, RemoteAccount, SyncSettings, ConnectionStatus. */
class AdminRecordsTest {

    private static final RemoteAccount SALES = new RemoteAccount("acc-1", "200", "Sales", AccountType.REVENUE, true, false);
    private static final RemoteAccount BANK = new RemoteAccount("acc-2", null, "Cheque account", AccountType.BANK, true, true);

    private static ReferenceData referenceData() {
        return new ReferenceData("Acme Ltd", List.of(SALES, BANK),
                List.of(new RemoteTaxRate("OUTPUT2", "GST on income", new BigDecimal("15"), true, true)),
                List.of(new RemoteItem("item-1", "PIPE", "Copper pipe", true), new RemoteItem("item-2", null, "Labour", true)),
                Instant.EPOCH);
    }

    @Test
    void mappingGapOfIsWordedByItsErrorCode() {
        MappingGap gap = MappingGap.of(ErrorCode.MAPPING_MISSING, "category Equipment");

        assertThat(gap.code()).isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(gap.subject()).isEqualTo("category Equipment");
        assertThat(gap.message()).isEqualTo(ErrorCode.MAPPING_MISSING.message("category Equipment"))
                .contains("category Equipment").contains("Settings → Accounting → Mappings");
    }

    @Test
    void validationWithoutGapsIsCompleteAndWithGapsIsNot() {
        assertThat(new MappingValidation(List.of()).isComplete()).isTrue();
        assertThat(new MappingValidation(List.of(MappingGap.of(ErrorCode.TAX_MAPPING_MISSING, "GST"))).isComplete())
                .isFalse();
    }

    @Test
    void validationGapsAreCopiedImmutably() {
        List<MappingGap> gaps = new ArrayList<>();
        MappingValidation validation = new MappingValidation(gaps);

        gaps.add(MappingGap.of(ErrorCode.MAPPING_MISSING, "category Labour"));

        assertThat(validation.isComplete()).isTrue();
        assertThatThrownBy(() -> validation.gaps().add(MappingGap.of(ErrorCode.MAPPING_MISSING, "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void accountKeyIsTheCodeWhenThereIsOneElseTheId() {
        assertThat(SALES.key()).isEqualTo("200");
        assertThat(BANK.key()).isEqualTo("acc-2");
        assertThat(new RemoteAccount("acc-3", "  ", "Blank code", AccountType.OTHER, true, false).key())
                .isEqualTo("acc-3");
    }

    @Test
    void referenceDataFindsAnAccountByKeyOrById() {
        ReferenceData data = referenceData();

        assertThat(data.account("200")).contains(SALES);
        assertThat(data.account("acc-1")).contains(SALES);
        assertThat(data.account("acc-2")).contains(BANK);
        assertThat(data.account("999")).isEmpty();
    }

    @Test
    void referenceDataFindsTaxRatesByCodeAndItemsByCodeOrId() {
        ReferenceData data = referenceData();

        assertThat(data.taxRate("OUTPUT2")).get().extracting(RemoteTaxRate::name).isEqualTo("GST on income");
        assertThat(data.taxRate("INPUT2")).isEmpty();
        assertThat(data.item("PIPE")).get().extracting(RemoteItem::id).isEqualTo("item-1");
        assertThat(data.item("item-2")).get().extracting(RemoteItem::name).isEqualTo("Labour");
        assertThat(data.item("nothing")).isEmpty();
    }

    @Test
    void referenceDataListsAreCopiedImmutably() {
        List<RemoteAccount> accounts = new ArrayList<>(List.of(SALES));
        ReferenceData data = new ReferenceData("Acme", accounts, List.of(), List.of(), Instant.EPOCH);

        accounts.add(BANK);

        assertThat(data.accounts()).containsExactly(SALES);
        assertThatThrownBy(() -> data.accounts().add(BANK)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultSettingsPushApprovedInvoicesKeepHostNumbersAndSyncNamesOneWay() {
        SyncSettings defaults = SyncSettings.defaults();

        assertThat(defaults.pushInvoicesAs()).isEqualTo(InvoiceStatusOnPush.APPROVED);
        assertThat(defaults.keepHostInvoiceNumbers()).isTrue();
        assertThat(defaults.twoWayNameSync()).isFalse();
    }

    @Test
    void defaultsAndTheSettingsOfBefore13SyncEverythingAutomaticallyAtTheNodesPollingInterval() {
        for (SyncSettings settings : List.of(SyncSettings.defaults(), new SyncSettings(InvoiceStatusOnPush.DRAFT, false, true))) {
            assertThat(settings.autoSyncInvoices()).isTrue();
            assertThat(settings.autoSyncPayments()).isTrue();
            assertThat(settings.pollingIntervalMinutes()).isNull();
        }
    }

    @Test
    void aPollingIntervalIsTheNodesDefaultNeverOrFiveMinutesToADay() {
        assertThat(SyncSettings.isValidPollingInterval(null)).isTrue();
        assertThat(SyncSettings.isValidPollingInterval(0)).isTrue();
        assertThat(SyncSettings.isValidPollingInterval(5)).isTrue();
        assertThat(SyncSettings.isValidPollingInterval(1440)).isTrue();
        assertThat(SyncSettings.isValidPollingInterval(4)).isFalse();
        assertThat(SyncSettings.isValidPollingInterval(1441)).isFalse();
        assertThat(SyncSettings.isValidPollingInterval(-1)).isFalse();
    }

    @Test
    void settingsWithoutInvoiceStatusAreRefused() {
        assertThatThrownBy(() -> new SyncSettings(null, true, false))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("push invoices as");
    }

    @Test
    void notConnectedStatusHasNoOrganisationAndNoError() {
        ConnectionStatus status = ConnectionStatus.notConnected(CompanyId.of("acme"), "xero");

        assertThat(status.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
        assertThat(status.provider()).isEqualTo("xero");
        assertThat(status.organisationName()).isNull();
        assertThat(status.tenantId()).isNull();
        assertThat(status.lastError()).isNull();
        assertThat(status.organisations()).isEmpty();
    }

    @Test
    void connectionStatusOrganisationsAreCopiedAndNullBecomesEmpty() {
        List<Organisation> organisations = new ArrayList<>(List.of(new Organisation("t1", "Acme NZ")));
        ConnectionStatus choosing = new ConnectionStatus(CompanyId.of("acme"), "xero",
                ConnectionState.CHOOSING_ORGANISATION, null, null, null, null, null, organisations);

        organisations.add(new Organisation("t2", "Acme AU"));

        assertThat(choosing.organisations()).extracting(Organisation::tenantId).containsExactly("t1");
        assertThat(new ConnectionStatus(CompanyId.of("acme"), "xero", ConnectionState.CONNECTED, "Acme NZ", "t1",
                Instant.EPOCH, null, null, null).organisations()).isEmpty();
    }
}
