package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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

    /**
     * Every invoice's and memo's numbers and every customer's open balance, from the payments. One pass over the
     * payments' links, then one over each table: a bench of a thousand documents recomputes after every write, and a
     * scan of every payment per invoice made each write cost invoices × payments (seconds per batch of 30).
     */
    public static void recompute(Company company) {
        EntityTable payments = company.tableOf("Payment");
        Map<String, BigDecimal> appliedTo = new HashMap<>();
        Map<String, Set<String>> paymentsLinkedTo = new HashMap<>();
        for (ObjectNode payment : payments.all()) {
            String paymentId = payment.get("Id").asText();
            if (payments.isVoided(paymentId)) {
                continue;
            }
            for (JsonNode line : payment.path("Line")) {
                for (JsonNode link : line.path("LinkedTxn")) {
                    String key = link.path("TxnType").asText() + "/" + link.path("TxnId").asText();
                    appliedTo.merge(key, line.path("Amount").decimalValue(), BigDecimal::add);
                    paymentsLinkedTo.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(paymentId);
                }
            }
        }
        Map<String, BigDecimal> openByCustomer = new HashMap<>();
        for (ObjectNode invoice : company.tableOf("Invoice").all()) {
            String key = "Invoice/" + invoice.get("Id").asText();
            BigDecimal balance = QboMoney.round(invoice.get("TotalAmt").decimalValue()
                    .subtract(appliedTo.getOrDefault(key, BigDecimal.ZERO)));
            ArrayNode links = SandboxJson.array();
            paymentsLinkedTo.getOrDefault(key, Set.of()).forEach(p -> links.addObject().put("TxnId", p).put("TxnType", "Payment"));
            boolean moved = invoice.get("Balance").decimalValue().compareTo(balance) != 0
                    || !links.equals(invoice.path("LinkedTxn"));
            invoice.put("Balance", balance);
            invoice.set("LinkedTxn", links);
            if (moved) {
                company.restamp(invoice);
            }
            openByCustomer.merge(String.valueOf(QboMoney.refValue(invoice, "CustomerRef")), balance, BigDecimal::add);
        }
        for (ObjectNode memo : company.tableOf("CreditMemo").all()) {
            String key = "CreditMemo/" + memo.get("Id").asText();
            BigDecimal remaining = QboMoney.round(memo.get("TotalAmt").decimalValue()
                    .subtract(appliedTo.getOrDefault(key, BigDecimal.ZERO)));
            boolean moved = memo.get("RemainingCredit").decimalValue().compareTo(remaining) != 0;
            memo.put("RemainingCredit", remaining);
            memo.put("Balance", remaining);
            if (moved) {
                company.restamp(memo);
            }
            openByCustomer.merge(String.valueOf(QboMoney.refValue(memo, "CustomerRef")), remaining.negate(), BigDecimal::add);
        }
        for (ObjectNode payment : payments.all()) {
            openByCustomer.merge(String.valueOf(QboMoney.refValue(payment, "CustomerRef")),
                    payment.path("UnappliedAmt").decimalValue().negate(), BigDecimal::add);
        }
        for (ObjectNode customer : company.tableOf("Customer").all()) {
            BigDecimal open = QboMoney.round(openByCustomer.getOrDefault(customer.get("Id").asText(), BigDecimal.ZERO));
            customer.put("Balance", open);
            customer.put("BalanceWithJobs", open);
        }
    }
}
