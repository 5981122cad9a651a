package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the sandbox's {@code GET /_sandbox/ledger} answer into a {@link RemoteLedger}. Xero's ledger says everything
 * directly. QuickBooks keeps no "amount paid" or allocations on an invoice: they are read from the payments' lines,
 * where a payment linking a credit memo and an invoice is the memo's application (QuickBooks' own way of applying a
 * credit), not a payment.
 */
final class LedgerReader {

    private LedgerReader() {
    }

    static RemoteLedger read(ChaosProvider provider, JsonNode ledger) {
        return provider == ChaosProvider.XERO ? xero(ledger.path("tenants").path(0)) : quickBooks(ledger.path("companies").path(0));
    }

    private static RemoteLedger xero(JsonNode tenant) {
        List<RemoteLedger.Invoice> invoices = new ArrayList<>();
        for (JsonNode i : tenant.path("invoices")) {
            if ("ACCREC".equals(i.path("type").asText())) {
                invoices.add(new RemoteLedger.Invoice(i.path("invoiceId").asText(), text(i, "number"), text(i, "contact"),
                        money(i, "total"), money(i, "amountPaid"), money(i, "amountCredited"), null, live(i.path("status").asText())));
            }
        }
        List<RemoteLedger.Payment> payments = new ArrayList<>();
        for (JsonNode p : tenant.path("payments")) {
            payments.add(new RemoteLedger.Payment(p.path("paymentId").asText(), text(p, "invoiceNumber"), money(p, "amount"),
                    date(p, "date"), text(p, "reference"), null, !"DELETED".equals(p.path("status").asText())));
        }
        List<RemoteLedger.CreditNote> notes = new ArrayList<>();
        for (JsonNode n : tenant.path("creditNotes")) {
            if (!"ACCRECCREDIT".equals(n.path("type").asText())) {
                continue;
            }
            List<RemoteLedger.Allocation> allocations = new ArrayList<>();
            for (JsonNode a : n.path("allocations")) {
                allocations.add(new RemoteLedger.Allocation(text(a, "invoiceNumber"), money(a, "amount")));
            }
            notes.add(new RemoteLedger.CreditNote(n.path("creditNoteId").asText(), text(n, "number"), text(n, "contact"),
                    money(n, "total"), null, allocations, live(n.path("status").asText())));
        }
        return new RemoteLedger(invoices, payments, notes);
    }

    private static RemoteLedger quickBooks(JsonNode company) {
        Map<String, String> customers = new HashMap<>();
        company.path("customers").forEach(c -> customers.put(c.path("id").asText(), text(c, "displayName")));
        Map<String, String> invoiceNumbers = new HashMap<>();
        company.path("invoices").forEach(i -> invoiceNumbers.put(i.path("id").asText(), text(i, "docNumber")));
        Map<String, BigDecimal> paid = new HashMap<>();
        Map<String, BigDecimal> credited = new HashMap<>();
        Map<String, List<RemoteLedger.Allocation>> applications = new HashMap<>();
        List<RemoteLedger.Payment> payments = new ArrayList<>();
        for (JsonNode p : company.path("payments")) {
            boolean live = !p.path("voided").asBoolean() && !p.path("deleted").asBoolean();
            List<String> memos = linked(p, "CreditMemo");
            List<String> invoices = linked(p, "Invoice");
            if (!memos.isEmpty()) {
                for (JsonNode line : p.path("lines")) {
                    for (JsonNode link : line.path("linked")) {
                        if (live && "Invoice".equals(link.path("txnType").asText())) {
                            String invoice = link.path("txnId").asText();
                            credited.merge(invoice, money(line, "amount"), BigDecimal::add);
                            memos.forEach(memo -> applications.computeIfAbsent(memo, m -> new ArrayList<>())
                                    .add(new RemoteLedger.Allocation(invoiceNumbers.get(invoice), money(line, "amount"))));
                        }
                    }
                }
                continue;
            }
            for (JsonNode line : p.path("lines")) {
                for (JsonNode link : line.path("linked")) {
                    if (live && "Invoice".equals(link.path("txnType").asText())) {
                        paid.merge(link.path("txnId").asText(), money(line, "amount"), BigDecimal::add);
                    }
                }
            }
            payments.add(new RemoteLedger.Payment(p.path("id").asText(), invoices.isEmpty() ? null : invoiceNumbers.get(invoices.get(0)),
                    money(p, "totalAmt"), date(p, "txnDate"), text(p, "paymentRefNum"), text(p, "privateNote"), live));
        }
        List<RemoteLedger.Invoice> invoices = new ArrayList<>();
        for (JsonNode i : company.path("invoices")) {
            String id = i.path("id").asText();
            invoices.add(new RemoteLedger.Invoice(id, text(i, "docNumber"), customers.get(i.path("customerId").asText()),
                    money(i, "totalAmt"), paid.getOrDefault(id, BigDecimal.ZERO), credited.getOrDefault(id, BigDecimal.ZERO),
                    text(i, "privateNote"), !i.path("voided").asBoolean()));
        }
        List<RemoteLedger.CreditNote> notes = new ArrayList<>();
        for (JsonNode m : company.path("creditMemos")) {
            String id = m.path("id").asText();
            notes.add(new RemoteLedger.CreditNote(id, text(m, "docNumber"), customers.get(m.path("customerId").asText()),
                    money(m, "totalAmt"), text(m, "privateNote"), applications.getOrDefault(id, List.of()), !m.path("voided").asBoolean()));
        }
        return new RemoteLedger(invoices, payments, notes);
    }

    private static List<String> linked(JsonNode payment, String type) {
        List<String> ids = new ArrayList<>();
        for (JsonNode line : payment.path("lines")) {
            for (JsonNode link : line.path("linked")) {
                if (type.equals(link.path("txnType").asText())) {
                    ids.add(link.path("txnId").asText());
                }
            }
        }
        return ids;
    }

    private static boolean live(String status) {
        return !"DELETED".equals(status) && !"VOIDED".equals(status);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** Amounts with at least two decimals, as both systems show them (QuickBooks' JSON may say 467.5). */
    private static BigDecimal money(JsonNode node, String field) {
        JsonNode value = node.path(field);
        BigDecimal amount = value.isNumber() ? value.decimalValue() : BigDecimal.ZERO;
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    private static LocalDate date(JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isEmpty() ? null : LocalDate.parse(text);
    }
}
