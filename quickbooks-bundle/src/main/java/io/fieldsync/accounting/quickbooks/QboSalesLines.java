package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboRef;
import io.fieldsync.accounting.quickbooks.wire.QboSalesItemLineDetail;
import io.fieldsync.accounting.quickbooks.wire.QboTaxCode;
import io.fieldsync.accounting.quickbooks.wire.QboTxnTaxDetail;

/**
 * Our lines as QBO sales lines, for invoices and credit memos alike: each line names its category's item and one
 * tax code. In the global tax model every line carries a real TaxCode id (api-facts §8.2); several host tax rates
 * on one line are accepted only when they map to one QuickBooks tax code (a combined code such as GST+PST),
 * because QBO takes one TaxCodeRef per line, and an untaxed line takes the company's zero-rate tax code. A US
 * company's lines are TAX or NON with one sales-tax code for the document ({@link QboUsSalesTax}).
 */
final class QboSalesLines {

    private final QboLists lists;
    private final QboItems items;

    QboSalesLines(QboLists lists, QboItems items) {
        this.lists = lists;
        this.items = items;
    }

    /** The lines of several documents, prepared together: one read of the lists and at most one item-creating call. */
    Prepared prepare(ProviderSession session, List<List<BookedLine>> documents) {
        QboLists.Lists current = lists.current(session);
        Set<QboItems.Booking> bookings = new LinkedHashSet<>();
        documents.forEach(lines -> lines.forEach(line -> bookings.add(QboItems.Booking.of(line))));
        Map<QboItems.Booking, QboItems.Resolution> resolved = items.resolve(session, current, bookings);
        return new Prepared(current, resolved);
    }

    /** The company's lists and preferences, as remembered (read when not). */
    QboLists.Lists lists(ProviderSession session) {
        return lists.current(session);
    }

    /** Forgets what was remembered about the realm after QBO refused an item or tax reference. */
    void forget(ProviderSession session) {
        lists.forget(session);
        items.forget(session);
    }

    /** The {@code GlobalTaxCalculation} of a document. */
    static String taxCalculation(AmountType type) {
        return switch (type) {
            case TAX_EXCLUSIVE -> "TaxExcluded";
            case TAX_INCLUSIVE -> "TaxInclusive";
            case NO_TAX -> "NotApplicable";
        };
    }

    /** Items and tax codes ready for mapping each document's lines. */
    static final class Prepared {

        private final QboLists.Lists lists;
        private final Map<QboItems.Booking, QboItems.Resolution> items;

        Prepared(QboLists.Lists lists, Map<QboItems.Booking, QboItems.Resolution> items) {
            this.lists = lists;
            this.items = items;
        }

        /** The company's lists and preferences these documents are prepared with. */
        QboLists.Lists lists() {
            return lists;
        }

        /**
         * The lines and tax fields of one document, in the company's tax model.
         *
         * @param document how the admin knows it, e.g. "invoice FS-1001"
         * @throws DocumentRefused naming the mapping to fix
         * @throws DocumentWaits when an item it needs is in an unknown state
         */
        QboSalesForm form(List<BookedLine> lines, AmountType amountType, String document) {
            if (!this.lists.usSalesTax()) {
                return new QboSalesForm(lines(lines, index -> taxCode(lines.get(index)), document), taxCalculation(amountType), null);
            }
            QboUsSalesTax.Taxes taxes = new QboUsSalesTax(this.lists).taxes(lines, amountType, document);
            QboTxnTaxDetail detail = taxes.transactionCode() == null ? null
                    : this.lists.automatedSalesTax() ? QboAutomatedSalesTax.withHostTax(this.lists, taxes.transactionCode(),
                            BookedLine.hostLines(lines), taxes.lineCodes())
                    : QboTxnTaxDetail.salesTax(taxes.transactionCode());
            return new QboSalesForm(lines(lines, taxes.lineCodes()::get, document), null, detail);
        }

        /**
         * The QBO lines of one document of a global-tax-model company.
         *
         * @throws DocumentRefused naming the mapping to fix
         * @throws DocumentWaits when an item it needs is in an unknown state
         */
        List<QboLine> lines(List<BookedLine> lines) {
            return lines(lines, index -> taxCode(lines.get(index)), "the document");
        }

        private List<QboLine> lines(List<BookedLine> lines, IntFunction<String> taxCodeOfLine, String document) {
            List<QboLine> mapped = new ArrayList<>();
            for (int index = 0; index < lines.size(); index++) {
                InvoiceLine line = lines.get(index).line();
                QboItems.Resolution item = items.get(QboItems.Booking.of(lines.get(index)));
                if (item != null && item.pending() != null) {
                    throw new DocumentWaits("the QuickBooks item for category " + line.category(), item.pending());
                }
                if (item == null || item.error() != null) {
                    throw new DocumentRefused(item == null ? SyncError.of(ErrorCode.MAPPING_MISSING, "Category " + line.category()) : item.error());
                }
                String taxCode = taxCodeOfLine.apply(index);
                QboLineDiscounts.Priced priced = QboLineDiscounts.price(line, lists.allowsDiscounts(), document);
                QboSalesItemLineDetail detail = new QboSalesItemLineDetail(QboRef.of(item.itemId()), line.quantity(), priced.unitPrice(),
                        QboRef.of(taxCode), priced.discountRate());
                // QBO checks Amount = Qty × UnitPrice less the discount (within 0.01); lineAmount() is that, rounded in MoneyRules
                mapped.add(QboLine.sales(line.description().isEmpty() ? null : line.description(), line.lineAmount(), detail));
            }
            return mapped;
        }

        private String taxCode(BookedLine booked) {
            InvoiceLine line = booked.line();
            if (line.taxRateIds().isEmpty()) {
                return zeroRateCode().orElseThrow(() -> new DocumentRefused(new SyncError(ErrorCode.TAX_MAPPING_MISSING,
                        "Untaxed lines need a QuickBooks tax code with a 0% sales rate, and the company has no active one. Add one in "
                                + "QuickBooks (Taxes), then retry.", null)));
            }
            Set<String> codes = new LinkedHashSet<>();
            for (int rate = 0; rate < line.taxRateIds().size(); rate++) {
                String hostRate = line.taxRateIds().get(rate);
                String key = booked.taxRates().get(rate);
                // the engine checked the mapping against the reference data it last read; QBO's lists may be newer
                QboTaxCode code = lists.taxCode(key).filter(found -> !Boolean.FALSE.equals(found.active()))
                        .orElseThrow(() -> new DocumentRefused(SyncError.of(ErrorCode.TAX_MAPPING_MISSING, hostRate)
                                .withDetail("QuickBooks tax code " + key + " is missing or inactive")));
                codes.add(code.id());
            }
            if (codes.size() > 1) {
                throw new DocumentRefused(new SyncError(ErrorCode.TAX_MAPPING_MISSING, "Line '" + line.description() + "' carries tax rates "
                        + String.join(" + ", line.taxRateIds()) + ", mapped to different QuickBooks tax codes; QuickBooks takes one tax code "
                        + "per line. Map them to one combined QuickBooks tax code in Settings → Accounting → Tax rates, then retry.",
                        codes.stream().collect(Collectors.joining(", "))));
            }
            return codes.iterator().next();
        }

        private Optional<String> zeroRateCode() {
            return lists.taxCodes().stream()
                    .filter(code -> !Boolean.FALSE.equals(code.active()))
                    .filter(code -> code.salesTaxRateList() != null && lists.salesRate(code).signum() == 0)
                    .min(Comparator.comparing((QboTaxCode code) -> code.id().length()).thenComparing(QboTaxCode::id))
                    .map(QboTaxCode::id);
        }
    }

    /** The sum QBO's lines come to before tax, for comparing a found document with ours. */
    static BigDecimal linesTotal(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::lineAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
