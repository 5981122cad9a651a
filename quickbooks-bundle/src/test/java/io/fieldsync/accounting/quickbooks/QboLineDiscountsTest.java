package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;

class QboLineDiscountsTest {

    @Test
    void withDiscountsOnTheLineKeepsItsPriceAndRate() {
        QboLineDiscounts.Priced priced = QboLineDiscounts.price(line("3", "33.3333", "7"), true, "invoice FS-1");

        assertThat(priced.unitPrice()).isEqualByComparingTo("33.3333");
        assertThat(priced.discountRate()).isEqualByComparingTo("7");
    }

    @Test
    void withDiscountsOffTheNetPriceOfFourDecimalsComesToTheLineAmount() {
        InvoiceLine line = line("3", "33.3333", "7");

        QboLineDiscounts.Priced priced = QboLineDiscounts.price(line, false, "invoice FS-1");

        // 99.9999 less 7% = 92.999907 → 93.00; 33.3333 less 7% = 30.999969 → 31.0000, × 3 = 93.0000
        assertThat(priced.discountRate()).isNull();
        assertThat(priced.unitPrice()).isEqualByComparingTo("31.0000");
        assertThat(line.lineAmount()).isEqualByComparingTo("93.00");
    }

    @Test
    void withDiscountsOffAZeroOrFullDiscountIsTheSameOrAFreeLine() {
        assertThat(QboLineDiscounts.price(line("2", "85.00", "0"), false, "invoice FS-1")).isEqualTo(
                new QboLineDiscounts.Priced(new BigDecimal("85.0000"), null));
        assertThat(QboLineDiscounts.price(line("2", "85.00", "100"), false, "invoice FS-1").unitPrice()).isEqualByComparingTo("0");
    }

    @Test
    void withDiscountsOffALineNoNetPriceCanCarryIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> QboLineDiscounts.price(line("1000", "1.0001", "33"), false, "invoice FS-1"))
                .isInstanceOfSatisfying(DocumentRefused.class, refused -> {
                    assertThat(refused.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(refused.error().message()).contains("invoice FS-1", "33%", "670.07", "Account and settings → Sales → Discount");
                });
    }

    @Test
    void aLineWithoutDiscountIsSentAsItIsWhateverTheSetting() {
        InvoiceLine plain = InvoiceLine.of("Labour", new BigDecimal("2"), new BigDecimal("85.00"), ProductCategory.LABOUR, List.of("GST"));

        QboLineDiscounts.Priced priced = QboLineDiscounts.price(plain, false, "invoice FS-1");

        assertThat(priced.unitPrice()).isSameAs(plain.unitPrice());
        assertThat(priced.discountRate()).isNull();
    }

    private static InvoiceLine line(String qty, String price, String percent) {
        return new InvoiceLine("Labour", new BigDecimal(qty), new BigDecimal(price), new BigDecimal(percent), ProductCategory.LABOUR,
                List.of("GST"), null);
    }
}
