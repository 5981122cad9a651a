package io.fieldsync.accounting.api;

import static io.fieldsync.accounting.api.TestData.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InvoiceLineTest {

    private static InvoiceLine discounted(String quantity, String unitPrice, String discountPercent) {
        return new InvoiceLine("Filter", dec(quantity), dec(unitPrice),
                discountPercent == null ? null : dec(discountPercent), ProductCategory.MATERIALS, List.of(), null);
    }

    @Test
    void lineAmountIsQuantityTimesUnitPriceAtScaleTwo() {
        BigDecimal amount = discounted("3", "19.99", null).lineAmount();

        assertThat(amount.toPlainString()).isEqualTo("59.97");
    }

    @Test
    void lineAmountSubtractsTheDiscountPercent() {
        // 3 x 19.99 = 59.97; less 10 % (5.997) = 53.973
        assertThat(discounted("3", "19.99", "10").lineAmount().toPlainString()).isEqualTo("53.97");
    }

    @Test
    void discountedLineAmountIsRoundedHalfUp() {
        // 10.05 less 50 % = 5.025 -> 5.03 (half even would give 5.02)
        assertThat(discounted("1", "10.05", "50").lineAmount().toPlainString()).isEqualTo("5.03");
    }

    @Test
    void fractionalQuantityTimesFourDecimalPriceIsRoundedHalfUp() {
        // 1.5 x 2.3333 = 3.49995
        assertThat(discounted("1.5", "2.3333", null).lineAmount().toPlainString()).isEqualTo("3.50");
    }

    @Test
    void fractionalDiscountPercentIsApplied() {
        // 200 less 12.5 % = 175
        assertThat(discounted("1", "200", "12.5").lineAmount().toPlainString()).isEqualTo("175.00");
    }

    @Test
    void fullDiscountGivesZeroAndZeroDiscountGivesTheGrossAmount() {
        assertThat(discounted("2", "40", "100").lineAmount()).isEqualByComparingTo("0");
        assertThat(discounted("2", "40", "0").lineAmount().toPlainString()).isEqualTo("80.00");
    }

    @Test
    void negativeQuantityGivesANegativeLineAmount() {
        assertThat(discounted("-2", "10", null).lineAmount().toPlainString()).isEqualTo("-20.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "-5", "100.0001", "150"})
    void discountOutsideZeroToHundredIsRefused(String discount) {
        assertThatThrownBy(() -> discounted("1", "10", discount))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discount percent must be between 0 and 100");
    }

    @Test
    void discountWithMoreThanFourDecimalsIsRefused() {
        assertThatThrownBy(() -> discounted("1", "10", "10.00001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discount percent");
    }

    @Test
    void quantityAndUnitPriceAreNormalisedToFourDecimalPlaces() {
        InvoiceLine line = discounted("2", "45.5", "5");

        assertThat(line.quantity().toPlainString()).isEqualTo("2.0000");
        assertThat(line.unitPrice().toPlainString()).isEqualTo("45.5000");
        assertThat(line.discountPercent().toPlainString()).isEqualTo("5.0000");
    }

    @Test
    void unitPriceWithFiveDecimalsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> discounted("1", "0.00001", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit price");
    }

    @Test
    void missingQuantityIsRefused() {
        assertThatThrownBy(() -> InvoiceLine.of("x", null, BigDecimal.ONE, null, List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("quantity");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void blankCategoryBecomesOther(String category) {
        InvoiceLine line = InvoiceLine.of("Sundries", BigDecimal.ONE, BigDecimal.TEN, category, List.of());

        assertThat(line.category()).isEqualTo(ProductCategory.OTHER).isEqualTo("Other");
    }

    @Test
    void categoryIsTrimmedAndHostDefinedCategoriesAreKept() {
        assertThat(InvoiceLine.of("x", BigDecimal.ONE, BigDecimal.ONE, "  Materials ", List.of()).category())
                .isEqualTo(ProductCategory.MATERIALS);
        assertThat(InvoiceLine.of("x", BigDecimal.ONE, BigDecimal.ONE, "Travel", List.of()).category())
                .isEqualTo("Travel");
    }

    @Test
    void severalTaxRatesPerLineAreAllowedInOrder() {
        InvoiceLine line = InvoiceLine.of("Install", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR,
                List.of("GST", "PST"));

        assertThat(line.taxRateIds()).containsExactly("GST", "PST");
    }

    @Test
    void taxRateIdsAreCopiedSoChangingTheCallersListDoesNotChangeTheLine() {
        List<String> rates = new ArrayList<>(List.of("GST"));
        InvoiceLine line = InvoiceLine.of("Install", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR, rates);

        rates.add("PST");
        rates.set(0, "VAT");

        assertThat(line.taxRateIds()).containsExactly("GST");
    }

    @Test
    void taxRateIdsCannotBeModifiedThroughTheLine() {
        InvoiceLine line = InvoiceLine.of("Install", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR,
                new ArrayList<>(List.of("GST")));

        assertThatThrownBy(() -> line.taxRateIds().add("PST")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(line.taxRateIds()).containsExactly("GST");
    }

    @Test
    void missingTaxRateIdsMeanAnUntaxedLine() {
        InvoiceLine line = InvoiceLine.of("Advice", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.OTHER, null);

        assertThat(line.taxRateIds()).isEmpty();
    }

    @Test
    void descriptionIsTrimmedAndMissingDescriptionBecomesEmpty() {
        assertThat(InvoiceLine.of("  Call-out  ", BigDecimal.ONE, BigDecimal.ONE, null, List.of()).description())
                .isEqualTo("Call-out");
        assertThat(InvoiceLine.of(null, BigDecimal.ONE, BigDecimal.ONE, null, List.of()).description())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(value = {"'   ', ", "' PIPE-15 ', PIPE-15"})
    void blankItemCodeBecomesNullAndOthersAreTrimmed(String given, String expected) {
        InvoiceLine line = new InvoiceLine("Pipe", BigDecimal.ONE, BigDecimal.ONE, null, ProductCategory.MATERIALS,
                List.of(), given);

        assertThat(line.itemCode()).isEqualTo(expected);
    }

    @Test
    void ofCreatesALineWithoutDiscountOrItemCode() {
        InvoiceLine line = InvoiceLine.of("Call-out", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR, List.of());

        assertThat(line.discountPercent()).isNull();
        assertThat(line.itemCode()).isNull();
        assertThat(line.lineAmount().toPlainString()).isEqualTo("10.00");
    }
}
