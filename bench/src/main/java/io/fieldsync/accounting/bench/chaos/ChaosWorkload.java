package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.bench.chaos.HostCall.CancelInvoice;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.demo.DemoRegion;

/**
 * The host's day for a chaos run, the same for every process that builds it from the same seed: invoices locked for
 * the accounting system's existing contacts and for new customers, some changed after they synced; payments, often
 * several partial ones per invoice, some changed after they synced (amount or date); cancellations as credit notes;
 * and one invoice in eighty for a customer without a name, which the engine must refuse alone
 * ({@code CUSTOMER_INVALID}) while everything else goes on. Prices are multiples of 0.20 so that GST at 10 % or
 * 15 % is exact to the cent on every line: the expected totals do not depend on where a system rounds.
 */
final class ChaosWorkload {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);
    private static final double SHARE_OF_DAY_FOR_LOCKING = 0.75;

    private record Product(String description, String category, String unitPrice, int minQuantity, int maxQuantity) {
    }

    private static final List<Product> CATALOGUE = List.of(
            new Product("Call-out and labour", ProductCategory.LABOUR, "85.00", 1, 4),
            new Product("Copper fittings and sealant", ProductCategory.MATERIALS, "12.40", 1, 6),
            new Product("Pipe camera inspection", ProductCategory.EQUIPMENT, "149.00", 1, 1),
            new Product("Hot water cylinder service", ProductCategory.LABOUR, "128.60", 1, 1),
            new Product("Valves and washers", ProductCategory.MATERIALS, "7.80", 2, 9));

    private record Planned(double at, int order, HostCall call, boolean afterSync) {
    }

    private final DemoRegion region;
    private final List<HostStep> steps;

    private ChaosWorkload(DemoRegion region, List<HostStep> steps) {
        this.region = region;
        this.steps = List.copyOf(steps);
    }

    /**
     * At least {@code documents} host documents (invoices, payments and credit notes; edits are extra revisions of
     * them), spread over about {@code span}: invoices are locked during the first three quarters of it, the rest
     * follows them. The host works in bursts, one every {@code burst}, as a field team's jobs close and the office
     * books what came in: every step is made at the end of the burst it falls in. That is also what keeps a run within
     * Xero's 60 calls a minute without raising the sandbox's limits: the engine sends a burst in a few batch calls.
     */
    static ChaosWorkload generate(long seed, int documents, Duration span, Duration burst, DemoRegion region) {
        if (documents < 10) {
            throw new IllegalArgumentException("a chaos workload needs at least 10 documents: " + documents);
        }
        Random random = new Random(seed);
        List<Customer> customers = new DemoBook(new DemoPlan(Math.max(6, documents / 12), 1, 0, 0), region).customers();
        int expectedInvoices = Math.max(1, (int) Math.round(documents / 2.05));
        List<Planned> planned = new ArrayList<>();
        int count = 0;
        for (int k = 0; count < documents; k++) {
            double t = SHARE_OF_DAY_FOR_LOCKING * k / expectedInvoices;
            boolean meantToFail = k % 80 == 40;
            Customer customer = meantToFail ? new Customer("CUST-NONAME-" + k, "", null, null, null)
                    : customers.get(random.nextInt(customers.size()));
            Invoice invoice = invoice(k, customer, random, region);
            planned.add(new Planned(t, planned.size(), new LockInvoice(invoice), false));
            count++;
            if (meantToFail) {
                continue;
            }
            if (random.nextDouble() < 0.15) {
                t += 0.06 + random.nextDouble() * 0.08;
                invoice = edited(invoice, random);
                planned.add(new Planned(t, planned.size(), new LockInvoice(invoice), true));
            }
            double fate = random.nextDouble();
            if (fate < 0.12) {
                t += 0.02 + random.nextDouble() * 0.05;
                CreditNote cancellation = new CreditNote("CN-" + invoice.hostId(), invoice.hostId(), "CN-" + invoice.number(),
                        invoice.issueDate().plusDays(2), invoice.amountType(), invoice.lines(), true, "Job cancelled by the customer");
                planned.add(new Planned(t, planned.size(), new CancelInvoice(cancellation), false));
                count++;
            } else if (fate < 0.70) {
                List<BigDecimal> amounts = split(ExpectedLedger.totalWithTax(invoice, region), random);
                for (int j = 0; j < amounts.size(); j++) {
                    t += 0.01 + random.nextDouble() * 0.04;
                    Payment payment = new Payment("PAY-" + k + "-" + (j + 1), invoice.hostId(), amounts.get(j),
                            invoice.issueDate().plusDays(5 + 3L * j), random.nextBoolean() ? PaymentMethod.CARD : PaymentMethod.BANK_TRANSFER,
                            null, region.currency(), null);
                    payment = withReference(payment);
                    planned.add(new Planned(t, planned.size(), new CollectPayment(payment), false));
                    count++;
                    if (random.nextDouble() < 0.12) {
                        double editAt = t + 0.06 + random.nextDouble() * 0.08;
                        planned.add(new Planned(editAt, planned.size(), new CollectPayment(edited(payment, random)), true));
                    }
                }
            }
        }
        planned.sort(Comparator.comparingDouble(Planned::at).thenComparingInt(Planned::order));
        List<HostStep> steps = new ArrayList<>();
        long gap = Math.max(1, burst.toMillis());
        for (Planned p : planned) {
            long at = Math.round(p.at() * span.toMillis());
            steps.add(new HostStep(steps.size(), (at + gap - 1) / gap * gap, p.call(), p.afterSync()));
        }
        return new ChaosWorkload(region, steps);
    }

    List<HostStep> steps() {
        return steps;
    }

    DemoRegion region() {
        return region;
    }

    /** What the accounting system must hold once every step was made and drained: the final revisions. */
    ExpectedLedger expected() {
        return ExpectedLedger.of(steps, region);
    }

    /** How long the host's day lasts without waits. */
    Duration span() {
        return steps.isEmpty() ? Duration.ZERO : Duration.ofMillis(steps.get(steps.size() - 1).atMillis());
    }

    private static Invoice invoice(int k, Customer customer, Random random, DemoRegion region) {
        List<InvoiceLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            lines.add(line(CATALOGUE.get(random.nextInt(CATALOGUE.size())), random));
        }
        LocalDate day = FIRST_DAY.plusDays(k % 25);
        String number = "CH-%05d".formatted(k + 1);
        return new Invoice("JOB-" + (70000 + k), number, customer, day, day.plusDays(20), region.currency(), null,
                AmountType.TAX_EXCLUSIVE, lines, "Job " + number);
    }

    private static InvoiceLine line(Product product, Random random) {
        int quantity = product.minQuantity() + random.nextInt(product.maxQuantity() - product.minQuantity() + 1);
        return InvoiceLine.of(product.description(), BigDecimal.valueOf(quantity), new BigDecimal(product.unitPrice()),
                product.category(), List.of(DemoBook.GST));
    }

    /** The technician adds work after the invoice went out: one more unit on the first line, sometimes a new line. */
    private static Invoice edited(Invoice invoice, Random random) {
        List<InvoiceLine> lines = new ArrayList<>(invoice.lines());
        InvoiceLine first = lines.get(0);
        lines.set(0, new InvoiceLine(first.description(), first.quantity().add(BigDecimal.ONE), first.unitPrice(),
                first.discountPercent(), first.category(), first.taxRateIds(), first.itemCode()));
        if (random.nextBoolean()) {
            lines.add(line(CATALOGUE.get(random.nextInt(CATALOGUE.size())), random));
        }
        return new Invoice(invoice.hostId(), invoice.number(), invoice.customer(), invoice.issueDate(), invoice.dueDate(),
                invoice.currency(), invoice.exchangeRate(), invoice.amountType(), lines, invoice.reference());
    }

    /** The office corrects a payment after it synced: a smaller amount (a card slip misread), else a later date. */
    private static Payment edited(Payment payment, Random random) {
        BigDecimal less = BigDecimal.valueOf(1 + random.nextInt(5));
        boolean amount = random.nextBoolean() && payment.amount().compareTo(less.add(BigDecimal.TEN)) > 0;
        return new Payment(payment.hostId(), payment.invoiceHostId(), amount ? payment.amount().subtract(less) : payment.amount(),
                amount ? payment.date() : payment.date().plusDays(1), payment.method(), payment.reference(), payment.currency(),
                payment.exchangeRate());
    }

    /** Every payment carries its own reference (a receipt number), which is how it is told apart in Xero's ledger. */
    private static Payment withReference(Payment payment) {
        return new Payment(payment.hostId(), payment.invoiceHostId(), payment.amount(), payment.date(), payment.method(),
                "RCPT " + payment.hostId(), payment.currency(), payment.exchangeRate());
    }

    /** Payments for {@code total}: one in full, two that settle it, or one to three that leave a balance. */
    private static List<BigDecimal> split(BigDecimal total, Random random) {
        double scheme = random.nextDouble();
        if (scheme < 0.45) {
            return List.of(total);
        }
        if (scheme < 0.70) {
            BigDecimal first = share(total, 0.3 + random.nextDouble() * 0.4);
            return List.of(first, total.subtract(first));
        }
        List<BigDecimal> parts = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            parts.add(share(total, 0.15 + random.nextDouble() * 0.15));
        }
        return parts;
    }

    private static BigDecimal share(BigDecimal total, double fraction) {
        BigDecimal part = total.multiply(BigDecimal.valueOf(fraction)).setScale(2, RoundingMode.DOWN);
        return part.signum() > 0 ? part : new BigDecimal("0.01");
    }
}
