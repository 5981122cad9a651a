package io.fieldsync.accounting.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;

class MappingsTest {

    private static Mappings mappings(Map<String, String> revenue, String salesAccount, String depositAccount,
                                     Map<PaymentMethod, String> depositByMethod) {
        return new Mappings(revenue, Map.of(ProductCategory.MATERIALS, "ITEM-MAT"), Map.of("GST", "OUTPUT2"),
                salesAccount, depositAccount, depositByMethod);
    }

    @Test
    void revenueAccountOfAMappedCategoryIsItsOwnMapping() {
        Mappings mappings = mappings(Map.of(ProductCategory.LABOUR, "201"), "200", null, null);

        assertThat(mappings.revenueAccountFor(ProductCategory.LABOUR)).contains("201");
    }

    @Test
    void revenueAccountFallsBackToTheSalesAccount() {
        Mappings mappings = mappings(Map.of(ProductCategory.LABOUR, "201"), "200", null, null);

        assertThat(mappings.revenueAccountFor(ProductCategory.EQUIPMENT)).contains("200");
        assertThat(mappings.revenueAccountFor("Travel")).contains("200");
    }

    @Test
    void revenueAccountIsAbsentWithoutMappingOrSalesAccount() {
        Mappings mappings = mappings(Map.of(ProductCategory.LABOUR, "201"), null, null, null);

        assertThat(mappings.revenueAccountFor(ProductCategory.OTHER)).isEmpty();
    }

    @Test
    void depositAccountFallsBackToTheDefaultDepositAccount() {
        Mappings mappings = mappings(null, null, "UNDEPOSITED", Map.of(PaymentMethod.CARD, "090"));

        assertThat(mappings.depositAccountFor(PaymentMethod.CASH)).contains("UNDEPOSITED");
        assertThat(mappings.depositAccountFor(PaymentMethod.CHEQUE)).contains("UNDEPOSITED");
    }

    @Test
    void perMethodDepositAccountWinsOverTheDefault() {
        Mappings mappings = mappings(null, null, "UNDEPOSITED", Map.of(PaymentMethod.CARD, "090"));

        assertThat(mappings.depositAccountFor(PaymentMethod.CARD)).contains("090");
    }

    @Test
    void depositAccountIsAbsentWithoutMappingOrDefault() {
        Mappings mappings = mappings(null, null, null, Map.of(PaymentMethod.CARD, "090"));

        assertThat(mappings.depositAccountFor(PaymentMethod.BANK_TRANSFER)).isEmpty();
    }

    @Test
    void itemAndTaxRateLookupsReturnOnlyWhatIsMapped() {
        Mappings mappings = mappings(null, "200", null, null);

        assertThat(mappings.itemFor(ProductCategory.MATERIALS)).contains("ITEM-MAT");
        assertThat(mappings.itemFor(ProductCategory.LABOUR)).isEmpty();
        assertThat(mappings.taxRateFor("GST")).contains("OUTPUT2");
        assertThat(mappings.taxRateFor("PST")).isEmpty();
    }

    @Test
    void emptyMappingsMapNothing() {
        Mappings empty = Mappings.empty();

        assertThat(empty.revenueAccountByCategory()).isEmpty();
        assertThat(empty.itemByCategory()).isEmpty();
        assertThat(empty.taxRateByHostTaxRate()).isEmpty();
        assertThat(empty.depositAccountByMethod()).isEmpty();
        assertThat(empty.salesAccount()).isNull();
        assertThat(empty.depositAccount()).isNull();
        assertThat(empty.revenueAccountFor(ProductCategory.LABOUR)).isEmpty();
        assertThat(empty.depositAccountFor(PaymentMethod.CASH)).isEmpty();
        assertThat(empty.taxRateFor("GST")).isEmpty();
    }

    @Test
    void nullMapsBecomeEmpty() {
        Mappings mappings = new Mappings(null, null, null, null, null, null);

        assertThat(mappings).isEqualTo(Mappings.empty());
    }

    @Test
    void mapsAreCopiedSoChangingTheCallersMapsDoesNotChangeTheMappings() {
        Map<String, String> revenue = new HashMap<>(Map.of(ProductCategory.LABOUR, "201"));
        Map<PaymentMethod, String> deposits = new EnumMap<>(Map.of(PaymentMethod.CARD, "090"));
        Mappings mappings = mappings(revenue, "200", "UNDEPOSITED", deposits);

        revenue.put(ProductCategory.LABOUR, "999");
        revenue.put(ProductCategory.EQUIPMENT, "998");
        deposits.put(PaymentMethod.CASH, "997");

        assertThat(mappings.revenueAccountByCategory()).containsExactly(Map.entry(ProductCategory.LABOUR, "201"));
        assertThat(mappings.depositAccountByMethod()).containsExactly(Map.entry(PaymentMethod.CARD, "090"));
        assertThat(mappings.depositAccountFor(PaymentMethod.CASH)).contains("UNDEPOSITED");
    }

    @Test
    void mapsCannotBeModifiedThroughTheMappings() {
        Mappings mappings = mappings(new HashMap<>(Map.of(ProductCategory.LABOUR, "201")), "200", null,
                new HashMap<>(Map.of(PaymentMethod.CARD, "090")));

        assertThatThrownBy(() -> mappings.revenueAccountByCategory().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mappings.itemByCategory().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mappings.taxRateByHostTaxRate().remove("GST"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mappings.depositAccountByMethod().put(PaymentMethod.CASH, "1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theMappingsOf12KeepTheirConstructorButATaxLiabilityAccountIsDroppedForNoVendorTakesOne() {
        Mappings mappings = new Mappings(Map.of(), Map.of(), Map.of(), "200", "820", "090", Map.of());

        assertThat(mappings).isEqualTo(new Mappings(Map.of(), Map.of(), Map.of(), "200", "090", Map.of()));
        assertThat(mappings.taxLiabilityAccount()).isNull();
        assertThat(java.util.Arrays.stream(Mappings.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName))
                .doesNotContain("taxLiabilityAccount");
    }
}
