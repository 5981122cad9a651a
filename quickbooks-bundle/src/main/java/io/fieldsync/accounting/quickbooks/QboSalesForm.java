package io.fieldsync.accounting.quickbooks;

import java.util.List;

import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboTxnTaxDetail;

/**
 * The lines and tax fields of one invoice or credit memo, as the company's tax model wants them: global model, a tax
 * code per line and a {@code GlobalTaxCalculation}; US sales tax, TAX/NON lines and one {@code TxnTaxDetail.TxnTaxCodeRef}
 * (api-facts §8.2). The field not used by the model is null, so it is not sent.
 *
 * @param lines the sales lines
 * @param globalTaxCalculation TaxExcluded, TaxInclusive or NotApplicable (global model), else null
 * @param txnTaxDetail the transaction's sales-tax code (US, when a line is taxable), else null
 */
record QboSalesForm(List<QboLine> lines, String globalTaxCalculation, QboTxnTaxDetail txnTaxDetail) {
}
