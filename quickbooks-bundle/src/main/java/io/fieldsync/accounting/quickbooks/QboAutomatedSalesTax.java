package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.quickbooks.wire.QboRef;
import io.fieldsync.accounting.quickbooks.wire.QboTaxCode;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRateDetail;
import io.fieldsync.accounting.quickbooks.wire.QboTxnTaxDetail;

/**
 * A US company on Automated Sales Tax (Preferences TaxPrefs.PartnerTaxEnabled): "the AST engine assigns the
 * appropriate tax code to sales transaction objects and automatically calculates the tax amount", from the company's
 * and the ship-to address, so the code this provider sends may be replaced and the tax with it; but "whenever an
 * explicit tax amount is sent in the transaction request the AST engine honors the amount and prorates it across tax
 * rates in the AST-assigned tax code" (Intuit blog "Using QuickBooks Online API for automated sales tax", 2017-12-11),
 * as long as the company allows apps to override AST (AllowPartnerTaxOverride, Finance.xsd
 * TxnTaxDetail.UseAutomatedSalesTax, a setting the API does not show). So the host's tax is sent as
 * {@code TxnTaxDetail.TotalTax}, and a document whose tax QuickBooks changed anyway says so.
 */
final class QboAutomatedSalesTax {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private QboAutomatedSalesTax() {
    }

    /**
     * The transaction's tax detail for an AST company: the mapped code and the tax the host charged, which is the
     * taxable lines' sum at each of the mapped code's rates, rounded half-up per rate as QBO rounds a tax line.
     */
    static QboTxnTaxDetail withHostTax(QboLists.Lists lists, String codeId, List<InvoiceLine> lines, List<String> lineCodes) {
        BigDecimal taxable = BigDecimal.ZERO;
        for (int index = 0; index < lines.size(); index++) {
            if (QboUsSalesTax.TAXABLE.equals(lineCodes.get(index))) {
                taxable = taxable.add(lines.get(index).lineAmount());
            }
        }
        QboTaxCode code = lists.taxCode(codeId).orElseThrow();
        BigDecimal tax = BigDecimal.ZERO;
        for (QboTaxRateDetail detail : code.salesTaxRateList().taxRateDetail()) {
            String rateId = detail.taxRateRef() == null ? null : detail.taxRateRef().value();
            BigDecimal percent = lists.taxRates().stream().filter(rate -> rate.id().equals(rateId)).findFirst()
                    .map(rate -> rate.rateValue()).orElse(BigDecimal.ZERO);
            tax = tax.add(taxable.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP));
        }
        return new QboTxnTaxDetail(QboRef.of(codeId), tax);
    }

    /**
     * A remark for the document when QuickBooks booked another tax than the host's (the company does not let apps
     * override AST), else null.
     */
    static String changedTax(QboTxnTaxDetail sent, QboTxnTaxDetail booked, String document) {
        if (sent == null || sent.totalTax() == null || booked == null || booked.totalTax() == null
                || sent.totalTax().compareTo(booked.totalTax()) == 0) {
            return null;
        }
        return "QuickBooks' Automated Sales Tax booked " + money(booked.totalTax()) + " of sales tax on " + document
                + " instead of the host's " + money(sent.totalTax()) + ", so its total differs from the host's: the company does "
                + "not let apps override Automated Sales Tax. Correct the tax in QuickBooks, or allow apps to override it there";
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
