package io.fieldsync.accounting.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

class DemoRegionTest {

    @Test
    void theRegionFollowsTheOrganisationsActiveSalesGstRate() {
        assertThat(DemoRegion.of(reference(new RemoteTaxRate("OUTPUT2", "15% GST on Income", new BigDecimal("15.00"), true, true))))
                .isEqualTo(DemoRegion.NEW_ZEALAND);
        assertThat(DemoRegion.of(reference(new RemoteTaxRate("OLD", "GST (old)", new BigDecimal("15"), false, true),
                new RemoteTaxRate("10", "GST", new BigDecimal("10"), true, true)))).isEqualTo(DemoRegion.AUSTRALIA);
    }

    @Test
    void anOrganisationWithoutAKnownGstRateIsRefusedWithTheReason() {
        ReferenceData purchasesOnly = reference(new RemoteTaxRate("INPUT2", "15% GST on Expenses", new BigDecimal("15"), true, false));
        assertThatThrownBy(() -> DemoRegion.of(purchasesOnly)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("15 %").hasMessageContaining("10 %");
    }

    @Test
    void anAustralianBookIsInAudWithTenPercentGst() {
        DemoBook book = new DemoBook(DemoPlan.standard(), DemoRegion.AUSTRALIA);
        Invoice first = book.invoices().get(0);
        // 85.00 + 2 × 12.50 + 149.00 = 259.00, GST 8.50 + 2.50 + 14.90 = 25.90
        assertThat(first.currency().getCurrencyCode()).isEqualTo("AUD");
        assertThat(book.totalWithTax(first)).isEqualByComparingTo("284.90");
        assertThat(book.payment(0).currency().getCurrencyCode()).isEqualTo("AUD");
        assertThat(book.customers().get(5).billingAddress().country()).isEqualTo("AU");
    }

    private static ReferenceData reference(RemoteTaxRate... rates) {
        return new ReferenceData("Demo", List.of(), List.of(rates), List.of(), Instant.EPOCH);
    }
}
