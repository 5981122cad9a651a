package io.fieldsync.accounting.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.Address;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.Mappings;

/** Realistic documents for tests. */
public final class Samples {

    public static final Currency NZD = Currency.getInstance("NZD");
    public static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    private Samples() {
    }

    public static Customer customer(String hostId) {
        return new Customer(hostId, "Customer " + hostId, hostId.toLowerCase() + "@example.com", "+64 9 555 0101",
                new Address(List.of("1 Queen Street"), "Auckland", null, "1010", "NZ"));
    }

    public static Invoice invoice(String hostId, Customer customer) {
        return invoice(hostId, customer, ProductCategory.LABOUR);
    }

    public static Invoice invoice(String hostId, Customer customer, String category) {
        return new Invoice(hostId, "INV-" + hostId, customer, DAY, DAY.plusDays(20), NZD, null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("Call-out and 2 h labour", new BigDecimal("2"), new BigDecimal("85.00"), category, List.of("GST")),
                        InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                "JOB-" + hostId);
    }

    public static Payment payment(String hostId, String invoiceHostId, String amount, PaymentMethod method) {
        return new Payment(hostId, invoiceHostId, new BigDecimal(amount), DAY.plusDays(3), method, "ref-" + hostId, NZD, null);
    }

    public static CreditNote cancellation(Invoice invoice) {
        return CreditNote.cancelling(invoice, "CN-" + invoice.hostId(), DAY.plusDays(5), "job cancelled");
    }

    /** Every standard category, GST, and deposit accounts: nothing missing. */
    public static Mappings completeMappings() {
        return new Mappings(Map.of(ProductCategory.LABOUR, "200", ProductCategory.MATERIALS, "210",
                ProductCategory.EQUIPMENT, "220", ProductCategory.OTHER, "260"), Map.of(), Map.of("GST", "OUTPUT2"),
                null, "820", "090", Map.of(PaymentMethod.CARD, "091"));
    }
}
