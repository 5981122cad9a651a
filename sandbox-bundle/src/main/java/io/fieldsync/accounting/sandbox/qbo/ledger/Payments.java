package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Received payments (reference/api-facts.md §3.2; the agreement): lines link one Invoice or CreditMemo each
 * ({@code LinkedTxn[{TxnId,TxnType}]}) of the payment's customer; an invoice line applies at most the invoice's
 * Balance, a credit memo line uses at most its RemainingCredit (6000 otherwise). TotalAmt is what was received: the
 * invoice lines less the credit lines plus UnappliedAmt (a $0 payment linking a memo and an invoice applies the
 * credit). DepositToAccountRef defaults to Undeposited Funds and must be a Bank or Undeposited Funds account.
 */
public final class Payments {

    private Payments() {
    }

    public static ObjectNode create(Company company, JsonNode request) {
        ObjectNode node = Writable.copy(request);
        complete(company, node, null, request);
        ObjectNode stored = company.insert("Payment", node);
        Balances.recompute(company);
        return stored;
    }

    public static ObjectNode update(Company company, JsonNode request) {
        ObjectNode stored = company.require("Payment", request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        String id = stored.get("Id").asText();
        if (company.tableOf("Payment").isVoided(id)) {
            throw QboFault.business("a voided transaction cannot be changed", "");
        }
        ObjectNode next = Writable.merged(stored, request);
        boolean sparseWithoutTotal = request.path("sparse").asBoolean(false) && !request.has("TotalAmt");
        complete(company, next, id, sparseWithoutTotal ? stored : request);
        Writable.replaceContent(stored, next);
        company.touch("Payment", stored, CompanyChange.Operation.UPDATED);
        Balances.recompute(company);
        return stored;
    }

    /** Voids as QBO does: the payment stays with every amount zero and PrivateNote "Voided"; the invoices reopen. */
    public static ObjectNode voidPayment(Company company, JsonNode request) {
        ObjectNode stored = company.require("Payment", request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        for (JsonNode line : stored.path("Line")) {
            ((ObjectNode) line).put("Amount", zero);
        }
        stored.put("TotalAmt", zero);
        stored.put("UnappliedAmt", zero);
        stored.put("PrivateNote", "Voided");
        company.touch("Payment", stored, CompanyChange.Operation.VOIDED);
        Balances.recompute(company);
        return stored;
    }

    public static ObjectNode delete(Company company, JsonNode request) {
        ObjectNode stored = company.require("Payment", request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        ObjectNode answer = company.delete("Payment", stored);
        Balances.recompute(company);
        return answer;
    }

    /** @param totalSource where TotalAmt is read from (a sparse update without TotalAmt keeps the stored one) */
    private static void complete(Company company, ObjectNode node, String selfId, JsonNode totalSource) {
        String customerId = QboMoney.refValue(node, "CustomerRef");
        if (customerId == null) {
            throw QboFault.required("CustomerRef");
        }
        ObjectNode customer = company.find("Customer", customerId)
                .filter(c -> c.path("Active").asBoolean(true))
                .orElseThrow(() -> QboFault.invalidReference("CustomerRef", "Customer", customerId));
        node.set("CustomerRef", Company.ref(customerId, customer.get("DisplayName").asText()));
        String currency = Currencies.ofTransaction(company, customer, totalSource);

        ArrayNode lines = SandboxJson.array();
        Map<String, BigDecimal> perDocument = new HashMap<>();
        BigDecimal applied = BigDecimal.ZERO;
        for (JsonNode line : node.path("Line")) {
            BigDecimal amount = QboMoney.read(line, "Amount");
            if (amount == null) {
                throw QboFault.required("Line.Amount");
            }
            if (amount.signum() < 0) {
                throw QboFault.business("a payment line amount cannot be negative", "Line.Amount");
            }
            JsonNode links = line.path("LinkedTxn");
            if (!links.isArray() || links.size() != 1) {
                throw QboFault.business("each payment line must link exactly one Invoice or CreditMemo", "Line.LinkedTxn");
            }
            String txnId = links.get(0).path("TxnId").asText(null);
            String txnType = links.get(0).path("TxnType").asText("");
            if (!txnType.equals("Invoice") && !txnType.equals("CreditMemo")) {
                throw QboFault.invalidEnum("Line.LinkedTxn.TxnType", txnType);
            }
            ObjectNode document = company.require(txnType, txnId);
            if (!customerId.equals(QboMoney.refValue(document, "CustomerRef"))) {
                throw QboFault.business(txnType + " " + txnId + " belongs to another customer", "Line.LinkedTxn");
            }
            BigDecimal used = perDocument.merge(txnType + "/" + txnId, QboMoney.round(amount), BigDecimal::add);
            BigDecimal available = document.get("TotalAmt").decimalValue()
                    .subtract(Balances.applied(company, txnType, txnId, selfId));
            if (used.compareTo(available) > 0) {
                throw QboFault.business(txnType.equals("Invoice")
                        ? "The payment amount " + used + " exceeds the balance " + available + " of invoice " + txnId
                        : "The credit used " + used + " exceeds the remaining credit " + available + " of credit memo "
                        + txnId, "Line.Amount");
            }
            applied = txnType.equals("Invoice") ? applied.add(QboMoney.round(amount)) : applied.subtract(QboMoney.round(amount));
            ObjectNode l = lines.addObject();
            l.put("Amount", QboMoney.round(amount));
            l.putArray("LinkedTxn").addObject().put("TxnId", txnId).put("TxnType", txnType);
        }
        if (applied.signum() < 0) {
            throw QboFault.business("the credit used exceeds the invoice amounts it is applied to", "Line");
        }
        BigDecimal total = QboMoney.read(totalSource, "TotalAmt");
        total = total == null ? applied : QboMoney.round(total);
        if (total.compareTo(applied) < 0) {
            throw QboFault.business("TotalAmt " + total + " is less than the " + applied + " applied by the lines",
                    "TotalAmt");
        }
        if (total.signum() == 0 && lines.isEmpty()) {
            throw QboFault.business("You must set a transaction amount", "TotalAmt");
        }
        node.set("Line", lines);
        node.put("TotalAmt", total);
        node.put("UnappliedAmt", total.subtract(applied));
        node.put("TxnDate", node.path("TxnDate").asText(company.today().toString()));
        node.set("DepositToAccountRef", depositAccount(company, QboMoney.refValue(node, "DepositToAccountRef")));
        node.set("CurrencyRef", Currencies.ref(currency));
        node.put("ProcessPayment", false);
    }

    private static ObjectNode depositAccount(Company company, String requested) {
        if (requested == null) {
            ObjectNode undeposited = company.tableOf("Account").all().stream()
                    .filter(a -> "UndepositedFunds".equals(a.path("AccountSubType").asText()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("the company has no Undeposited Funds"));
            return Company.ref(undeposited.get("Id").asText(), undeposited.get("Name").asText());
        }
        ObjectNode account = company.find("Account", requested)
                .filter(a -> a.path("Active").asBoolean(true))
                .orElseThrow(() -> QboFault.invalidReference("DepositToAccountRef", "Account", requested));
        if (!"Bank".equals(account.path("AccountType").asText())
                && !"UndepositedFunds".equals(account.path("AccountSubType").asText())) {
            throw QboFault.business("a payment can be deposited only to a Bank account or Undeposited Funds, not "
                    + account.get("Name").asText(), "DepositToAccountRef");
        }
        return Company.ref(requested, account.get("Name").asText());
    }
}
