package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.qbo.control.QboInvoiceSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.QboLedgerCounts;
import io.fieldsync.accounting.sandbox.qbo.control.QboPaymentSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboMoney;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Plain values of the control API, read from a company's documents (call with the company locked). */
final class QboSnapshots {

    private QboSnapshots() {
    }

    static SandboxRealm realm(Company company) {
        return new SandboxRealm(company.realmId(), company.name());
    }

    static QboLedgerCounts counts(Company company) {
        return new QboLedgerCounts(company.tableOf("Customer").size(), company.tableOf("Invoice").size(),
                company.tableOf("CreditMemo").size(), company.tableOf("Payment").size());
    }

    static QboInvoiceSnapshot invoice(Company company, ObjectNode i) {
        return new QboInvoiceSnapshot(i.get("Id").asText(), i.path("DocNumber").asText(null),
                i.get("SyncToken").asText(), QboMoney.refValue(i, "CustomerRef"),
                i.path("CustomerRef").path("name").asText(null), date(i, "TxnDate"), date(i, "DueDate"),
                i.get("TotalAmt").decimalValue(), i.path("TxnTaxDetail").path("TotalTax").decimalValue(),
                i.get("Balance").decimalValue(), company.tableOf("Invoice").isVoided(i.get("Id").asText()));
    }

    static QboPaymentSnapshot payment(Company company, ObjectNode p, boolean deleted) {
        List<String> applied = new ArrayList<>();
        for (JsonNode line : p.path("Line")) {
            for (JsonNode link : line.path("LinkedTxn")) {
                applied.add(link.path("TxnId").asText());
            }
        }
        return new QboPaymentSnapshot(p.get("Id").asText(), p.path("SyncToken").asText(null),
                QboMoney.refValue(p, "CustomerRef"), date(p, "TxnDate"), p.path("TotalAmt").decimalValue(),
                p.path("UnappliedAmt").decimalValue(), applied, QboMoney.refValue(p, "DepositToAccountRef"),
                !deleted && company.tableOf("Payment").isVoided(p.get("Id").asText()), deleted);
    }

    private static LocalDate date(JsonNode node, String field) {
        String text = node.path(field).asText("");
        return text.isEmpty() ? null : LocalDate.parse(text);
    }
}
