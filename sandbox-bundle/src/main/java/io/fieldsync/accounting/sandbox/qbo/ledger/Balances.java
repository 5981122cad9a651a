package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What QBO derives from payments: an invoice's Balance (TotalAmt minus what payments applied) and LinkedTxn (the
 * payments), a credit memo's RemainingCredit (TotalAmt minus what payments used of it, as a $0 payment linking a
 * memo and an invoice does) and a customer's open Balance. Recomputed from the payments after every payment change,
 * so there is one truth; an invoice or memo whose numbers moved gets a new SyncToken and an "updated" change.
 */
public final class Balances {

    private Balances() {
    }

    /** What live, non-voided payments other than {@code exceptPaymentId} applied to (or used of) a document. */
    public static BigDecimal applied(Company company, String txnType, String txnId, String exceptPaymentId) {
        EntityTable payments = company.tableOf("Payment");
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode payment : payments.all()) {
            String id = payment.get("Id").asText();
            if (id.equals(exceptPaymentId) || payments.isVoided(id)) {
                continue;
            }
            for (JsonNode line : payment.path("Line")) {
                for (JsonNode link : line.path("LinkedTxn")) {
                    if (txnType.equals(link.path("TxnType").asText()) && txnId.equals(link.path("TxnId").asText())) {
                        sum = sum.add(line.path("Amount").decimalValue());
                    }
                }
            }
        }
        return sum;
    }

    /** The ids of live, non-voided payments linked to a document. */
    static Set<String> paymentsOf(Company company, String txnType, String txnId) {
        EntityTable payments = company.tableOf("Payment");
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode payment : payments.all()) {
            if (payments.isVoided(payment.get("Id").asText())) {
                continue;
            }
            for (JsonNode line : payment.path("Line")) {
                for (JsonNode link : line.path("LinkedTxn")) {
                    if (txnType.equals(link.path("TxnType").asText()) && txnId.equals(link.path("TxnId").asText())) {
                        ids.add(payment.get("Id").asText());
                    }
                }
            }
        }
        return ids;
    }

    public static void recompute(Company company) {
        for (ObjectNode invoice : company.tableOf("Invoice").all()) {
            String id = invoice.get("Id").asText();
            BigDecimal balance = QboMoney.round(invoice.get("TotalAmt").decimalValue()
                    .subtract(applied(company, "Invoice", id, null)));
            ArrayNode links = SandboxJson.array();
            paymentsOf(company, "Invoice", id).forEach(p -> links.addObject().put("TxnId", p).put("TxnType", "Payment"));
            boolean moved = invoice.get("Balance").decimalValue().compareTo(balance) != 0
                    || !links.equals(invoice.path("LinkedTxn"));
            invoice.put("Balance", balance);
            invoice.set("LinkedTxn", links);
            if (moved) {
                company.restamp(invoice);
            }
        }
        for (ObjectNode memo : company.tableOf("CreditMemo").all()) {
            String id = memo.get("Id").asText();
            BigDecimal remaining = QboMoney.round(memo.get("TotalAmt").decimalValue()
                    .subtract(applied(company, "CreditMemo", id, null)));
            boolean moved = memo.get("RemainingCredit").decimalValue().compareTo(remaining) != 0;
            memo.put("RemainingCredit", remaining);
            memo.put("Balance", remaining);
            if (moved) {
                company.restamp(memo);
            }
        }
        for (ObjectNode customer : company.tableOf("Customer").all()) {
            String id = customer.get("Id").asText();
            BigDecimal open = BigDecimal.ZERO;
            for (ObjectNode invoice : company.tableOf("Invoice").all()) {
                if (id.equals(QboMoney.refValue(invoice, "CustomerRef"))) {
                    open = open.add(invoice.get("Balance").decimalValue());
                }
            }
            for (ObjectNode memo : company.tableOf("CreditMemo").all()) {
                if (id.equals(QboMoney.refValue(memo, "CustomerRef"))) {
                    open = open.subtract(memo.get("RemainingCredit").decimalValue());
                }
            }
            for (ObjectNode payment : company.tableOf("Payment").all()) {
                if (id.equals(QboMoney.refValue(payment, "CustomerRef"))) {
                    open = open.subtract(payment.path("UnappliedAmt").decimalValue());
                }
            }
            customer.put("Balance", QboMoney.round(open));
            customer.put("BalanceWithJobs", QboMoney.round(open));
        }
    }
}
