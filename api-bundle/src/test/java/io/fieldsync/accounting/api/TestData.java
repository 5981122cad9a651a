package io.fieldsync.accounting.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Small, valid domain values the tests start from and vary one part of. */
public final class TestData {

    public static final CompanyId COMPANY = CompanyId.of("acme-plumbing");
    public static final LocalDate ISSUED = LocalDate.of(2025, 3, 1);
    public static final LocalDate DUE = LocalDate.of(2025, 3, 31);
    public static final Currency NZD = Currency.getInstance("NZD");

    private TestData() {
    }

    public static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    public static Customer customer() {
        return new Customer("cust-1", "Jane Doe", "jane@example.com", null, null);
    }

    public static InvoiceLine line(String quantity, String unitPrice) {
        return InvoiceLine.of("Call-out", dec(quantity), dec(unitPrice), ProductCategory.LABOUR, List.of("GST"));
    }

    public static Invoice invoice(List<InvoiceLine> lines) {
        return new Invoice("inv-1", "INV-0001", customer(), ISSUED, DUE, NZD, null, AmountType.TAX_EXCLUSIVE, lines, "Job 42");
    }

    public static Invoice invoice() {
        return invoice(List.of(line("2", "45.00"), line("1", "12.50")));
    }

    public static Payment payment(String amount) {
        return new Payment("pay-1", "inv-1", dec(amount), ISSUED, PaymentMethod.CARD, "slip 77", NZD, null);
    }
}
