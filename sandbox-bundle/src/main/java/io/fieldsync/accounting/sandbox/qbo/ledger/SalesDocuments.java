package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Invoices and credit memos, which share QBO's sales-form rules (reference/api-facts.md §3.2, the agreement):
 * a CustomerRef to an active customer; at least one {@code SalesItemLineDetail} line, each with an ItemRef to an
 * active item and a TaxCodeRef: an active tax code (global tax model), or TAX/NON with one sales-tax code for the
 * whole document in TxnTaxDetail.TxnTaxCodeRef (US companies, {@link UsSalesTax}); Amount equal to Qty × UnitPrice (after
 * discount) within 0.01 (6000); DocNumber at most 21 characters (6000) and unique per kind (6140, the demo company
 * warns on duplicates), numbered by QBO when absent. QBO computes the tax (TxnTaxDetail), TotalAmt and Balance
 * ({@link SalesTax}, {@link UsSalesTax}, {@link Balances}).
 */
public final class SalesDocuments {

    static final int MAX_DOC_NUMBER = 21;
    private static final Set<String> KINDS = Set.of("Invoice", "CreditMemo");

    private SalesDocuments() {
    }

    public static ObjectNode create(Company company, String entity, JsonNode request) {
        checkKind(entity);
        ObjectNode node = Writable.copy(request);
        complete(company, entity, node, null, request);
        ObjectNode stored = company.insert(entity, node);
        Balances.recompute(company);
        return stored;
    }

    public static ObjectNode update(Company company, String entity, JsonNode request) {
        checkKind(entity);
        ObjectNode stored = company.require(entity, request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        String id = stored.get("Id").asText();
        if (company.tableOf(entity).isVoided(id)) {
            throw QboFault.business("a voided transaction cannot be changed", "");
        }
        ObjectNode next = Writable.merged(stored, request);
        complete(company, entity, next, id, request);
        BigDecimal applied = Balances.applied(company, entity, id, null);
        if (next.get("TotalAmt").decimalValue().compareTo(applied) < 0) {
            throw QboFault.business("the new total " + next.get("TotalAmt").decimalValue() + " is less than the "
                    + applied + " already applied by payments", "TotalAmt");
        }
        // Derived numbers as they will stand, so that recomputing them does not count as a second change.
        BigDecimal left = QboMoney.round(next.get("TotalAmt").decimalValue().subtract(applied));
        next.put("Balance", left);
        if (entity.equals("CreditMemo")) {
            next.put("RemainingCredit", left);
        } else {
            next.set("LinkedTxn", stored.path("LinkedTxn").deepCopy());
        }
        Writable.replaceContent(stored, next);
        company.touch(entity, stored, CompanyChange.Operation.UPDATED);
        Balances.recompute(company);
        return stored;
    }

    /**
     * Voids as QBO does: the document stays, with every amount zero and PrivateNote "Voided" (a voided invoice has
     * Balance 0 like a paid one). The sandbox refuses it while payments are applied (delete or void them first) [U].
     */
    public static ObjectNode voidDocument(Company company, String entity, JsonNode request) {
        checkKind(entity);
        ObjectNode stored = company.require(entity, request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        String id = stored.get("Id").asText();
        refuseWhenApplied(company, entity, id, "voided");
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        for (JsonNode line : stored.path("Line")) {
            ((ObjectNode) line).put("Amount", zero);
            JsonNode detail = line.path("SalesItemLineDetail");
            if (detail instanceof ObjectNode d && d.has("Qty")) {
                d.put("Qty", BigDecimal.ZERO);
            }
        }
        ObjectNode tax = stored.putObject("TxnTaxDetail");
        tax.put("TotalTax", zero);
        stored.put("TotalAmt", zero);
        stored.put("Balance", zero);
        if (stored.has("RemainingCredit")) {
            stored.put("RemainingCredit", zero);
        }
        stored.put("PrivateNote", "Voided");
        company.touch(entity, stored, CompanyChange.Operation.VOIDED);
        Balances.recompute(company);
        return stored;
    }

    public static ObjectNode delete(Company company, String entity, JsonNode request) {
        checkKind(entity);
        ObjectNode stored = company.require(entity, request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        refuseWhenApplied(company, entity, stored.get("Id").asText(), "deleted");
        ObjectNode answer = company.delete(entity, stored);
        Balances.recompute(company);
        return answer;
    }

    private static void refuseWhenApplied(Company company, String entity, String id, String what) {
        if (!Balances.paymentsOf(company, entity, id).isEmpty()) {
            throw QboFault.business("this transaction has payments or credits applied (payments "
                    + Balances.paymentsOf(company, entity, id) + ") and cannot be " + what
                    + "; delete or void them first", "");
        }
    }

    /** @param request what the client sent, whose CurrencyRef (a computed field of the stored form) must be the customer's */
    private static void complete(Company company, String entity, ObjectNode node, String selfId, JsonNode request) {
        String customerId = QboMoney.refValue(node, "CustomerRef");
        if (customerId == null) {
            throw QboFault.required("CustomerRef");
        }
        ObjectNode customer = company.find("Customer", customerId)
                .filter(c -> c.path("Active").asBoolean(true))
                .orElseThrow(() -> QboFault.invalidReference("CustomerRef", "Customer", customerId));
        node.set("CustomerRef", Company.ref(customerId, customer.get("DisplayName").asText()));
        String currency = Currencies.ofTransaction(company, customer, request);
        docNumber(company, entity, node, selfId);
        LocalDate txnDate = date(node, "TxnDate", company.today());
        node.put("TxnDate", txnDate.toString());
        if (entity.equals("Invoice")) {
            node.put("DueDate", date(node, "DueDate", txnDate.plusDays(30)).toString());
        }
        SalesTax.Result tax;
        ArrayNode lines;
        if (company.usesUsSalesTax()) {
            UsSalesTax.refuseGlobalCalculation(node);
            lines = SalesLines.normalise(company, node.path("Line"));
            tax = UsSalesTax.compute(company, lines, node.path("TxnTaxDetail"));
        } else {
            String calculation = node.path("GlobalTaxCalculation").asText("TaxExcluded");
            if (!Set.of("TaxExcluded", "TaxInclusive", "NotApplicable").contains(calculation)) {
                throw QboFault.invalidEnum("GlobalTaxCalculation", calculation);
            }
            node.put("GlobalTaxCalculation", calculation);
            lines = SalesLines.normalise(company, node.path("Line"));
            tax = SalesTax.compute(company, lines, calculation);
        }
        ObjectNode subtotal = lines.addObject();
        subtotal.put("Amount", tax.subtotal());
        subtotal.put("DetailType", "SubTotalLineDetail");
        subtotal.putObject("SubTotalLineDetail");
        node.set("Line", lines);
        node.set("TxnTaxDetail", tax.detail());
        node.put("TotalAmt", tax.total());
        node.set("CurrencyRef", Currencies.ref(currency));
        node.put("Balance", tax.total());
        if (entity.equals("CreditMemo")) {
            node.put("RemainingCredit", tax.total());
        } else {
            node.set("LinkedTxn", SandboxJson.array());
            node.put("Deposit", BigDecimal.ZERO);
            if (!node.has("EmailStatus")) {
                node.put("EmailStatus", "NotSet");
            }
        }
        if (!node.has("PrintStatus")) {
            node.put("PrintStatus", "NotSet");
        }
        node.put("ApplyTaxAfterDiscount", false);
    }

    private static void docNumber(Company company, String entity, ObjectNode node, String selfId) {
        String number = node.path("DocNumber").asText("").strip();
        if (number.isEmpty() || number.equals("AUTO_GENERATE")) {
            do {
                number = company.nextDocNumber();
            } while (holder(company, entity, number, selfId) != null);
        } else if (number.length() > MAX_DOC_NUMBER) {
            throw new QboFault("6000", "A business validation error has occurred while processing your request",
                    "Business Validation Error: String length is either shorter or longer than supported by "
                            + "specification. Min:0 Max:" + MAX_DOC_NUMBER + " supported. Supplied length:"
                            + number.length(), "DocNumber");
        } else {
            String other = holder(company, entity, number, selfId);
            if (other != null) {
                throw QboFault.duplicateDocNumber(number, entity, other);
            }
        }
        node.put("DocNumber", number);
    }

    private static String holder(Company company, String entity, String number, String selfId) {
        for (ObjectNode doc : company.tableOf(entity).all()) {
            String id = doc.get("Id").asText();
            if (!id.equals(selfId) && number.equalsIgnoreCase(doc.path("DocNumber").asText())) {
                return id;
            }
        }
        return null;
    }

    private static LocalDate date(ObjectNode node, String field, LocalDate whenAbsent) {
        String text = node.path(field).asText("").strip();
        if (text.isEmpty()) {
            return whenAbsent;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw QboFault.business(field + " is not a date (yyyy-MM-dd): " + text, field);
        }
    }

    private static void checkKind(String entity) {
        if (!KINDS.contains(entity)) {
            throw new IllegalArgumentException("not a sales form: " + entity);
        }
    }
}
