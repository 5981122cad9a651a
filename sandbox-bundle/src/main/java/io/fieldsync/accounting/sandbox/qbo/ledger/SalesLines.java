package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The lines of a sales form as QBO stores them: {@code SalesItemLineDetail} lines (ItemRef to an active item,
 * TaxCodeRef to an active tax code in the global tax model, TAX or NON in a US company ({@link UsSalesTax}), Amount checked against Qty × UnitPrice after discount) and
 * {@code DescriptionOnly} lines; the SubTotal line a client sends back is dropped (QBO recomputes it). Lines are
 * numbered again on every write (a line list sent replaces the old one).
 */
final class SalesLines {

    private SalesLines() {
    }

    static ArrayNode normalise(Company company, JsonNode requested) {
        ArrayNode out = SandboxJson.array();
        int itemLines = 0;
        int number = 0;
        for (JsonNode line : requested) {
            String type = line.path("DetailType").asText("");
            switch (type) {
                case "SubTotalLineDetail" -> {
                    continue;
                }
                case "SalesItemLineDetail" -> {
                    out.add(itemLine(company, line, ++number));
                    itemLines++;
                }
                case "DescriptionOnly" -> {
                    ObjectNode l = out.addObject();
                    l.put("Id", String.valueOf(++number));
                    l.put("LineNum", number);
                    l.put("Description", line.path("Description").asText(""));
                    l.put("DetailType", "DescriptionOnly");
                    l.putObject("DescriptionLineDetail");
                }
                case "" -> throw QboFault.required("Line.DetailType");
                default -> throw QboFault.invalidEnum("Line.DetailType", type);
            }
        }
        if (itemLines == 0) {
            throw QboFault.business("You must fill out at least one split line.", "Line");
        }
        return out;
    }

    private static ObjectNode itemLine(Company company, JsonNode line, int number) {
        JsonNode detail = line.path("SalesItemLineDetail");
        String itemId = QboMoney.refValue(detail, "ItemRef");
        ObjectNode item = company.find("Item", itemId)
                .filter(i -> i.path("Active").asBoolean(true))
                .orElseThrow(() -> QboFault.invalidReference("Line.SalesItemLineDetail.ItemRef", "Item", itemId));
        String taxCodeId = company.usesUsSalesTax() ? UsSalesTax.lineCode(detail) : globalTaxCode(company, detail);

        refuseDiscountWhenOff(company, detail);
        BigDecimal qty = QboMoney.read(detail, "Qty");
        BigDecimal unitPrice = QboMoney.read(detail, "UnitPrice");
        BigDecimal amount = QboMoney.read(line, "Amount");
        BigDecimal expected = qty != null && unitPrice != null ? afterDiscount(qty.multiply(unitPrice), detail) : null;
        if (amount == null && expected == null) {
            throw QboFault.required("Line.Amount");
        }
        if (amount != null && expected != null && amount.subtract(expected).abs().compareTo(QboMoney.TOLERANCE) > 0) {
            throw QboFault.business("Amount is not equal to UnitPrice * Qty. Supplied value:" + amount.toPlainString(),
                    "Line.Amount");
        }
        BigDecimal stored = QboMoney.round(amount != null ? amount : expected);

        ObjectNode l = SandboxJson.object();
        l.put("Id", String.valueOf(number));
        l.put("LineNum", number);
        if (line.hasNonNull("Description")) {
            l.put("Description", line.get("Description").asText());
        }
        l.put("Amount", stored);
        l.put("DetailType", "SalesItemLineDetail");
        ObjectNode d = l.putObject("SalesItemLineDetail");
        d.set("ItemRef", Company.ref(itemId, item.get("Name").asText()));
        if (qty != null) {
            d.put("Qty", qty);
        }
        if (unitPrice != null) {
            d.put("UnitPrice", unitPrice);
        }
        for (String copied : new String[] {"DiscountRate", "DiscountAmt", "ServiceDate"}) {
            if (detail.has(copied)) {
                d.set(copied, detail.get(copied));
            }
        }
        if (item.has("IncomeAccountRef")) {
            d.set("ItemAccountRef", item.get("IncomeAccountRef").deepCopy());
        }
        d.set("TaxCodeRef", Company.ref(taxCodeId, null));
        return l;
    }

    /**
     * A line discount needs the company's discount setting (SalesFormsPrefs.AllowDiscount, "Enable specifying
     * Discount", Finance.xsd); with it off QBO does not take one [U: the code and words of QBO's refusal, and whether
     * it refuses rather than drops the discount, are not published].
     */
    private static void refuseDiscountWhenOff(Company company, JsonNode detail) {
        if (!company.preferences().allowDiscount() && (detail.hasNonNull("DiscountRate") || detail.hasNonNull("DiscountAmt"))) {
            throw QboFault.business("Discounts are turned off for this company (Account and settings, Sales, "
                    + "Discount): a line cannot carry DiscountRate or DiscountAmt", "Line.SalesItemLineDetail.DiscountRate");
        }
    }

    /** The TaxCodeRef of a global-tax-model line: an active tax code, on every line. */
    private static String globalTaxCode(Company company, JsonNode detail) {
        String taxCodeId = QboMoney.refValue(detail, "TaxCodeRef");
        if (taxCodeId == null) {
            // A global-tax-model company needs a tax code on every line (the agreement; QBO's words).
            throw QboFault.business("Make sure all your transactions have a GST rate before you save.",
                    "Line.SalesItemLineDetail.TaxCodeRef");
        }
        company.find("TaxCode", taxCodeId)
                .filter(t -> t.path("Active").asBoolean(true))
                .orElseThrow(() -> QboFault.invalidReference("Line.SalesItemLineDetail.TaxCodeRef", "TaxCode", taxCodeId));
        return taxCodeId;
    }

    /** Qty × UnitPrice less DiscountAmt, or less DiscountRate percent. */
    private static BigDecimal afterDiscount(BigDecimal gross, JsonNode detail) {
        BigDecimal discountAmt = QboMoney.read(detail, "DiscountAmt");
        if (discountAmt != null) {
            return gross.subtract(discountAmt);
        }
        BigDecimal rate = QboMoney.read(detail, "DiscountRate");
        if (rate != null) {
            return gross.subtract(gross.multiply(rate).divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP));
        }
        return gross;
    }
}
