package io.fieldsync.accounting.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;

class DemoBookTest {

    private final DemoBook book = new DemoBook(DemoPlan.standard());

    @Test
    void theStandardPlanHasAHundredInvoicesForThirtyCustomersOfWhichThreeMatchTheDemoOrganisation() {
        assertThat(book.invoices()).hasSize(100);
        assertThat(book.customers()).hasSize(30);
        assertThat(book.customers()).extracting(Customer::email).contains("liam@rockstar.com", "secretary@bayside.example");
        assertThat(book.customers()).extracting(Customer::name).contains("Ridgeway University");
        assertThat(book.invoices()).extracting(Invoice::number).doesNotHaveDuplicates();
    }

    @Test
    void everySecondPaymentIsPartialAndTheOthersPayTheTotalWithGstRoundedPerLine() {
        Invoice first = book.invoices().get(0);
        // 1 h labour 85.00 + 2 × 12.50 + camera 149.00 = 259.00, GST 12.75 + 3.75 + 22.35 = 38.85
        assertThat(book.totalWithTax(first)).isEqualByComparingTo("297.85");
        assertThat(book.payment(0).amount()).isEqualByComparingTo("297.85");
        assertThat(book.payment(1).amount()).isLessThan(book.totalWithTax(book.invoices().get(1)));
        assertThat(book.payment(1).amount().multiply(BigDecimal.valueOf(2))).isLessThanOrEqualTo(book.totalWithTax(book.invoices().get(1)));
    }

    @Test
    void aPlanWhosePaymentsAndCancellationsOverlapIsRefused() {
        assertThatThrownBy(() -> new DemoPlan(30, 10, 8, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
