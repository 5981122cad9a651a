package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.quickbooks.wire.QboTaxCode;

/**
 * QBO's US sales-tax model (api-facts §8.2; Finance.xsd TxnTaxDetail): a line says only whether it is taxable
 * ({@code TaxCodeRef} TAX or NON), and the transaction names one sales-tax code ({@code TxnTaxDetail.TxnTaxCodeRef}),
 * whose rates QBO applies to the taxable lines. So for a US company the mappable tax rates are its sales-tax codes
 * (a combined code's rate is the sum of its rates) plus NON for exempt host rates; TAX is a flag, not a rate.
 * <p>
 * A host invoice whose lines map to two different sales-tax codes cannot be sent: US QBO has one per transaction.
 * Nor can a tax-inclusive one: US QBO amounts are always before tax (no GlobalTaxCalculation). With Automated Sales
 * Tax on, QBO replaces the code sent by its own; the host's tax then goes with it as an explicit amount
 * ({@link QboAutomatedSalesTax}).
 */
final class QboUsSalesTax {

    static final String TAXABLE = "TAX";
    static final String NON_TAXABLE = "NON";

    private final QboLists.Lists lists;

    QboUsSalesTax(QboLists.Lists lists) {
        this.lists = lists;
    }

    /**
     * The tax codes of each line (TAX or NON, in line order) and the transaction's one sales-tax code (null when no
     * line is taxable).
     */
    record Taxes(List<String> lineCodes, String transactionCode) {
    }

    /**
     * @param document how the admin knows the document, e.g. "invoice FS-1001"
     * @throws DocumentRefused naming the mapping to fix, or why the document cannot be a US QBO document
     */
    Taxes taxes(List<BookedLine> lines, AmountType amountType, String document) {
        if (amountType == AmountType.TAX_INCLUSIVE) {
            throw new DocumentRefused(new SyncError(ErrorCode.UNSUPPORTED, "The prices of " + document + " include tax, and "
                    + "QuickBooks Online US companies take prices before sales tax only. Send it with tax-exclusive prices, or "
                    + "enter it in QuickBooks by hand.", "US sales tax: no GlobalTaxCalculation"));
        }
        List<String> lineCodes = new ArrayList<>();
        Map<String, QboTaxCode> taxedAt = new LinkedHashMap<>();
        for (BookedLine line : lines) {
            QboTaxCode taxable = amountType == AmountType.NO_TAX ? null : salesTaxOf(line);
            lineCodes.add(taxable == null ? NON_TAXABLE : TAXABLE);
            if (taxable != null) {
                taxedAt.putIfAbsent(taxable.id(), taxable);
            }
        }
        if (taxedAt.size() > 1) {
            throw new DocumentRefused(new SyncError(ErrorCode.TAX_MAPPING_MISSING, "QuickBooks Online US invoices carry one sales tax: "
                    + "the lines of " + document + " map to " + names(taxedAt) + ". Map the tax rates used on one document to one "
                    + "QuickBooks sales tax code (a combined code in QuickBooks when several taxes apply together) in Settings → "
                    + "Accounting → Tax rates, then retry.", String.join(", ", taxedAt.keySet())));
        }
        return new Taxes(lineCodes, taxedAt.isEmpty() ? null : taxedAt.keySet().iterator().next());
    }

    /** The sales-tax code a line is taxed at, or null when it is exempt (no tax rate, or every rate mapped to NON). */
    private QboTaxCode salesTaxOf(BookedLine booked) {
        InvoiceLine line = booked.line();
        Map<String, QboTaxCode> codes = new LinkedHashMap<>();
        for (int rate = 0; rate < line.taxRateIds().size(); rate++) {
            String hostRate = line.taxRateIds().get(rate);
            String key = booked.taxRates().get(rate);
            if (NON_TAXABLE.equalsIgnoreCase(key)) {
                continue;
            }
            QboTaxCode code = lists.taxCode(key).filter(found -> !Boolean.FALSE.equals(found.active()))
                    .orElseThrow(() -> new DocumentRefused(SyncError.of(ErrorCode.TAX_MAPPING_MISSING, hostRate)
                            .withDetail("QuickBooks tax code " + key + " is missing or inactive")));
            if (NON_TAXABLE.equals(code.id())) {
                continue;
            }
            if (!isSalesTaxCode(code)) {
                throw new DocumentRefused(new SyncError(ErrorCode.TAX_MAPPING_MISSING, "Tax rate " + hostRate + " is mapped to QuickBooks "
                        + "code " + code.id() + ", which marks a line taxable but is no sales tax. Map it to a sales tax code such as your "
                        + "state's, or to NON when it is exempt, in Settings → Accounting → Tax rates, then retry.", code.id()));
            }
            codes.putIfAbsent(code.id(), code);
        }
        if (codes.size() > 1) {
            throw new DocumentRefused(new SyncError(ErrorCode.TAX_MAPPING_MISSING, "Line '" + line.description() + "' carries tax rates "
                    + String.join(" + ", line.taxRateIds()) + ", mapped to " + names(codes) + "; a QuickBooks Online US document carries "
                    + "one sales tax. Map them to one combined QuickBooks sales tax code in Settings → Accounting → Tax rates, then retry.",
                    String.join(", ", codes.keySet())));
        }
        return codes.isEmpty() ? null : codes.values().iterator().next();
    }

    /**
     * The company's mappable tax rates: each sales-tax code (code = its Id, rate = the sum of its sales rates) and
     * NON at 0% for exempt host rates. TAX, a flag without rates, is left out.
     */
    static List<RemoteTaxRate> taxRates(QboLists.Lists lists) {
        List<RemoteTaxRate> rates = new ArrayList<>();
        rates.add(new RemoteTaxRate(NON_TAXABLE, lists.taxCode(NON_TAXABLE).map(QboTaxCode::name).orElse(NON_TAXABLE) + " (not taxable)",
                BigDecimal.ZERO, true, true));
        lists.taxCodes().stream().filter(QboUsSalesTax::isSalesTaxCode)
                .map(code -> new RemoteTaxRate(code.id(), code.name(), lists.salesRate(code), !Boolean.FALSE.equals(code.active()), true))
                .forEach(rates::add);
        return rates;
    }

    /** A code with sales rates, as opposed to the TAX and NON pseudo codes QBO lists beside them. */
    private static boolean isSalesTaxCode(QboTaxCode code) {
        return !TAXABLE.equals(code.id()) && !NON_TAXABLE.equals(code.id()) && code.salesTaxRateList() != null
                && code.salesTaxRateList().taxRateDetail() != null && !code.salesTaxRateList().taxRateDetail().isEmpty();
    }

    private static String names(Map<String, QboTaxCode> codes) {
        return codes.values().stream().map(code -> code.name() == null ? code.id() : code.name()).collect(Collectors.joining(" and "));
    }
}
