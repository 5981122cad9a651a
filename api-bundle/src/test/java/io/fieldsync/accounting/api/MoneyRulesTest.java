package io.fieldsync.accounting.api;

import static io.fieldsync.accounting.api.TestData.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyRulesTest {

    @Test
    void wholeAmountIsNormalisedToTwoDecimalPlaces() {
        BigDecimal amount = MoneyRules.amount(dec("10"), "total");

        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.toPlainString()).isEqualTo("10.00");
    }

    @Test
    void amountWithTrailingZerosBeyondTwoPlacesIsAcceptedAndNormalised() {
        assertThat(MoneyRules.amount(dec("10.5000"), "total").toPlainString()).isEqualTo("10.50");
    }

    @Test
    void amountInExponentNotationIsNormalisedToTwoDecimalPlaces() {
        assertThat(MoneyRules.amount(dec("1E+3"), "total").toPlainString()).isEqualTo("1000.00");
    }

    @Test
    void amountWithThreeDecimalsIsRefusedNotRounded() {
        assertThatThrownBy(() -> MoneyRules.amount(dec("10.005"), "payment amount"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment amount")
                .hasMessageContaining("2 decimal places")
                .hasMessageContaining("10.005")
                .hasCauseInstanceOf(ArithmeticException.class);
    }

    /** Guard fixed with issue 7: rescaling 1E+99999999 held the calling thread for over 100 s before it was refused. */
    @Test
    void aQuantityWithAHugeExponentIsRefusedBeforeAnyRescaling() {
        assertThatThrownBy(() -> MoneyRules.quantity(new BigDecimal("1E+99999999"), "quantity"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity is too large");
        assertThatThrownBy(() -> new InvoiceLine("Labour", BigDecimal.ONE, new BigDecimal("9E+2147483647"), null, "LABOUR",
                java.util.List.of(), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit price is too large");
    }

    @Test
    void fifteenDigitsBeforeThePointAreStillAnAmount() {
        assertThat(MoneyRules.amount(dec("999999999999999.99"), "total").toPlainString()).isEqualTo("999999999999999.99");
    }

    @Test
    void refusalNamesTheFieldItWasGiven() {
        assertThatThrownBy(() -> MoneyRules.amount(dec("0.001"), "amount credited"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("amount credited ");
    }

    @Test
    void missingAmountIsRefusedNamingTheField() {
        assertThatThrownBy(() -> MoneyRules.amount(null, "amount due"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("amount due");
    }

    @Test
    void unitPriceKeepsFourDecimalPlaces() {
        BigDecimal price = MoneyRules.unitPrice(dec("19.9"), "unit price");

        assertThat(price.scale()).isEqualTo(MoneyRules.UNIT_PRICE_SCALE).isEqualTo(4);
        assertThat(price.toPlainString()).isEqualTo("19.9000");
        assertThat(MoneyRules.unitPrice(dec("0.1234"), "unit price").toPlainString()).isEqualTo("0.1234");
    }

    @Test
    void unitPriceWithFiveDecimalsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> MoneyRules.unitPrice(dec("0.12345"), "unit price"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit price")
                .hasMessageContaining("4 decimal places");
    }

    @Test
    void quantityKeepsFourDecimalPlaces() {
        BigDecimal quantity = MoneyRules.quantity(dec("1.5"), "quantity");

        assertThat(quantity.scale()).isEqualTo(MoneyRules.QUANTITY_SCALE).isEqualTo(4);
        assertThat(quantity.toPlainString()).isEqualTo("1.5000");
    }

    @Test
    void quantityWithFiveDecimalsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> MoneyRules.quantity(dec("2.00001"), "quantity"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }

    @Test
    void percentKeepsFourDecimalPlacesAndRefusesMore() {
        assertThat(MoneyRules.percent(dec("12.5"), "discount percent").toPlainString()).isEqualTo("12.5000");
        assertThatThrownBy(() -> MoneyRules.percent(dec("12.34567"), "discount percent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discount percent");
    }

    @Test
    void exchangeRateIsNormalisedToSixDecimalPlaces() {
        BigDecimal rate = MoneyRules.exchangeRate(dec("0.6"), "exchange rate");

        assertThat(rate.scale()).isEqualTo(MoneyRules.EXCHANGE_RATE_SCALE).isEqualTo(6);
        assertThat(rate.toPlainString()).isEqualTo("0.600000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000000", "-1", "-0.000001"})
    void exchangeRateThatIsNotPositiveIsRefused(String rate) {
        assertThatThrownBy(() -> MoneyRules.exchangeRate(dec(rate), "exchange rate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exchange rate")
                .hasMessageContaining("positive");
    }

    @Test
    void exchangeRateWithSevenDecimalsIsRefusedNotRounded() {
        assertThatThrownBy(() -> MoneyRules.exchangeRate(dec("1.2345678"), "exchange rate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 decimal places");
    }

    @Test
    void roundingModeIsHalfUp() {
        assertThat(MoneyRules.ROUNDING).isEqualTo(RoundingMode.HALF_UP);
    }

    @ParameterizedTest(name = "{0} rounds to {1}")
    @CsvSource({
            "2.345, 2.35",   // HALF_EVEN would give 2.34
            "2.335, 2.34",
            "0.125, 0.13",   // HALF_EVEN would give 0.12
            "2.3449999, 2.34",
            "-0.125, -0.13", // half away from zero
            "7, 7.00"
    })
    void roundRoundsComputedValuesHalfUpToTwoPlaces(String computed, String expected) {
        BigDecimal rounded = MoneyRules.round(dec(computed));

        assertThat(rounded.scale()).isEqualTo(2);
        assertThat(rounded.toPlainString()).isEqualTo(expected);
    }
}
