package io.fieldsync.accounting.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.Address;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.MoneyRules;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;

/** The demo company's documents: realistic field-service invoices, deterministic so runs can be compared. */
public final class DemoBook {

    /** The host's tax rate id every line carries. */
    public static final String GST = "GST";
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);

    private final DemoPlan plan;
    private final DemoRegion region;
    private final List<Customer> customers = new ArrayList<>();
    private final List<Invoice> invoices = new ArrayList<>();

    /** The customers and invoices of {@code plan}, in New Zealand. */
    public DemoBook(DemoPlan plan) {
        this(plan, DemoRegion.NEW_ZEALAND);
    }

    /** The customers and invoices of {@code plan}, trading in {@code region}. */
    public DemoBook(DemoPlan plan, DemoRegion region) {
        this.plan = plan;
        this.region = region;
        customers.add(new Customer("CUST-001", "Liam G.", "liam@rockstar.com", null, null));
        customers.add(new Customer("CUST-002", "Ridgeway University", null, "+64 9 555 0102", null));
        customers.add(new Customer("CUST-003", "Bayside Club", "secretary@bayside.example", null, null));
        for (int i = 4; i <= plan.customers(); i++) {
            String id = "%03d".formatted(i);
            customers.add(new Customer("CUST-" + id, "Harbourside Client " + id + " Ltd", "accounts" + id + "@client.example",
                    region.phonePrefix() + id, new Address(List.of(i + " Quay Street"), region.city(), null, region.postcode(), region.country())));
        }
        for (int k = 0; k < plan.invoices(); k++) {
            invoices.add(invoice(k, customers.get(k % customers.size()), region));
        }
    }

    public List<Customer> customers() {
        return customers;
    }

    public List<Invoice> invoices() {
        return invoices;
    }

    /** The k-th payment: every second one pays half, the others pay in full (GST included). */
    public Payment payment(int k) {
        Invoice invoice = invoices.get(k);
        BigDecimal total = totalWithTax(invoice);
        BigDecimal amount = k % 2 == 1 ? total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN) : total;
        PaymentMethod method = k % 3 == 0 ? PaymentMethod.CARD : PaymentMethod.BANK_TRANSFER;
        return new Payment("PAY-" + invoice.number(), invoice.hostId(), amount, invoice.issueDate().plusDays(7), method,
                "Payment " + invoice.number(), region.currency(), null);
    }

    /** The cancellation of an invoice: a credit note for all of it. */
    public CreditNote cancellation(Invoice invoice) {
        return CreditNote.cancelling(invoice, "CN-" + invoice.hostId(), invoice.issueDate().plusDays(2), "Job cancelled by the customer");
    }

    /**
     * The host's day, as it reaches the integration: every invoice locked, the planned payments collected (on the
     * first invoices), the last invoices cancelled.
     */
    public void submitTo(AccountingSync sync, CompanyId company) {
        invoices.forEach(invoice -> sync.invoiceLocked(company, invoice));
        for (int k = 0; k < plan.payments(); k++) {
            sync.paymentCollected(company, payment(k));
        }
        for (int k = invoices.size() - plan.cancellations(); k < invoices.size(); k++) {
            sync.invoiceCancelled(company, cancellation(invoices.get(k)));
        }
    }

    public DemoRegion region() {
        return region;
    }

    /** What the customer owes: lines plus GST, rounded per line as the accounting systems do. */
    public BigDecimal totalWithTax(Invoice invoice) {
        BigDecimal total = BigDecimal.ZERO;
        for (InvoiceLine line : invoice.lines()) {
            BigDecimal amount = line.lineAmount();
            total = total.add(amount).add(MoneyRules.round(amount.multiply(region.gstPercent()).divide(BigDecimal.valueOf(100))));
        }
        return total;
    }

    private static Invoice invoice(int k, Customer customer, DemoRegion region) {
        List<InvoiceLine> lines = new ArrayList<>();
        lines.add(InvoiceLine.of("Call-out and labour", BigDecimal.valueOf(1 + k % 4), new BigDecimal("85.00"), ProductCategory.LABOUR,
                List.of(GST)));
        lines.add(InvoiceLine.of("Copper fittings and sealant", BigDecimal.valueOf(2 + k % 5), new BigDecimal("12.50"),
                ProductCategory.MATERIALS, List.of(GST)));
        if (k % 7 == 0) {
            lines.add(InvoiceLine.of("Pipe camera inspection", BigDecimal.ONE, new BigDecimal("149.00"), ProductCategory.EQUIPMENT,
                    List.of(GST)));
        }
        LocalDate day = FIRST_DAY.plusDays(k % 20);
        return new Invoice("JOB-" + (5000 + k), "FS-" + (10001 + k), customer, day, day.plusDays(20), region.currency(), null,
                AmountType.TAX_EXCLUSIVE, lines, "Job " + (5000 + k));
    }
}
