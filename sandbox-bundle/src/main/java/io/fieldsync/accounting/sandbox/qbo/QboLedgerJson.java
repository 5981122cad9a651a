package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.EntityTable;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboMoney;

import java.util.List;

/**
 * Every company's ledger as one JSON document for the control surface ({@code GET /_sandbox/ledger}), in QuickBooks'
 * own terms: customers, invoices, payments (with their lines' links) and credit memos, each with its
 * {@code PrivateNote}, where a client may keep its own marks. Voided documents are flagged and deleted payments are
 * listed with {@code deleted: true}, so that a reader can tell what was written from what survives. Each company is
 * read under its lock.
 */
final class QboLedgerJson {

    private QboLedgerJson() {
    }

    static ObjectNode of(List<Company> companies) {
        ObjectNode root = SandboxJson.object().put("vendor", "qbo");
        ArrayNode list = root.putArray("companies");
        for (Company company : companies) {
            synchronized (company) {
                list.add(company(company));
            }
        }
        return root;
    }

    private static ObjectNode company(Company company) {
        ObjectNode out = SandboxJson.object().put("realmId", company.realmId()).put("name", company.name())
                .put("currency", company.currency());
        ArrayNode customers = out.putArray("customers");
        for (ObjectNode c : company.tableOf("Customer").all()) {
            customers.addObject().put("id", c.get("Id").asText()).put("displayName", c.path("DisplayName").asText(null))
                    .put("email", c.path("PrimaryEmailAddr").path("Address").asText(null))
                    .put("active", c.path("Active").asBoolean(true));
        }
        ArrayNode invoices = out.putArray("invoices");
        EntityTable invoiceTable = company.tableOf("Invoice");
        for (ObjectNode i : invoiceTable.all()) {
            salesDocument(invoices.addObject(), i, invoiceTable).put("balance", i.path("Balance").decimalValue())
                    .put("dueDate", i.path("DueDate").asText(null));
        }
        ArrayNode memos = out.putArray("creditMemos");
        EntityTable memoTable = company.tableOf("CreditMemo");
        for (ObjectNode m : memoTable.all()) {
            salesDocument(memos.addObject(), m, memoTable).put("remainingCredit", m.path("RemainingCredit").decimalValue());
        }
        ArrayNode payments = out.putArray("payments");
        EntityTable paymentTable = company.tableOf("Payment");
        for (ObjectNode p : paymentTable.all()) {
            payment(payments.addObject(), p, paymentTable.isVoided(p.get("Id").asText()), false);
        }
        for (ObjectNode p : paymentTable.deletedStates()) {
            payment(payments.addObject(), p, false, true);
        }
        return out;
    }

    private static ObjectNode salesDocument(ObjectNode out, ObjectNode doc, EntityTable table) {
        return out.put("id", doc.get("Id").asText()).put("docNumber", doc.path("DocNumber").asText(null))
                .put("customerId", QboMoney.refValue(doc, "CustomerRef"))
                .put("customer", doc.path("CustomerRef").path("name").asText(null))
                .put("txnDate", doc.path("TxnDate").asText(null))
                .put("totalAmt", doc.path("TotalAmt").decimalValue())
                .put("totalTax", doc.path("TxnTaxDetail").path("TotalTax").decimalValue())
                .put("privateNote", doc.path("PrivateNote").asText(null))
                .put("voided", table.isVoided(doc.get("Id").asText()));
    }

    private static void payment(ObjectNode out, ObjectNode p, boolean voided, boolean deleted) {
        out.put("id", p.get("Id").asText()).put("customerId", QboMoney.refValue(p, "CustomerRef"))
                .put("txnDate", p.path("TxnDate").asText(null)).put("totalAmt", p.path("TotalAmt").decimalValue())
                .put("unappliedAmt", p.path("UnappliedAmt").decimalValue())
                .put("paymentRefNum", p.path("PaymentRefNum").asText(null))
                .put("privateNote", p.path("PrivateNote").asText(null))
                .put("depositAccountId", QboMoney.refValue(p, "DepositToAccountRef"))
                .put("voided", voided).put("deleted", deleted);
        ArrayNode lines = out.putArray("lines");
        for (JsonNode line : p.path("Line")) {
            ObjectNode l = lines.addObject().put("amount", line.path("Amount").decimalValue());
            ArrayNode linked = l.putArray("linked");
            for (JsonNode link : line.path("LinkedTxn")) {
                linked.addObject().put("txnId", link.path("TxnId").asText()).put("txnType", link.path("TxnType").asText());
            }
        }
    }
}
