package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tax QBO computes for a global-tax-model company: each line's TaxCode points to a sales TaxRate; tax is summed per
 * rate and rounded per rate (TxnTaxDetail.TaxLine), TotalTax is their sum. TaxExcluded: line amounts are net and the
 * tax is added; TaxInclusive: line amounts include the tax, which is taken out of them [U: QBO's own inclusive
 * arithmetic, which also reports TaxInclusiveAmt per line, is not simulated]; NotApplicable: no tax.
 */
final class SalesTax {

    record Result(BigDecimal subtotal, BigDecimal total, ObjectNode detail) {
    }

    private SalesTax() {
    }

    static Result compute(Company company, ArrayNode lines, String calculation) {
        Map<String, BigDecimal> amountByRate = new LinkedHashMap<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            if (!"SalesItemLineDetail".equals(line.path("DetailType").asText())) {
                continue;
            }
            BigDecimal amount = line.get("Amount").decimalValue();
            subtotal = subtotal.add(amount);
            String rateId = salesRateOf(company, QboMoney.refValue(line.get("SalesItemLineDetail"), "TaxCodeRef"));
            amountByRate.merge(rateId, amount, BigDecimal::add);
        }
        ObjectNode detail = SandboxJson.object();
        ArrayNode taxLines = SandboxJson.array();
        BigDecimal totalTax = BigDecimal.ZERO;
        if (!calculation.equals("NotApplicable")) {
            for (Map.Entry<String, BigDecimal> e : amountByRate.entrySet()) {
                BigDecimal percent = company.require("TaxRate", e.getKey()).get("RateValue").decimalValue();
                BigDecimal tax;
                BigDecimal net;
                if (calculation.equals("TaxInclusive")) {
                    tax = QboMoney.round(e.getValue().multiply(percent)
                            .divide(percent.add(BigDecimal.valueOf(100)), 6, RoundingMode.HALF_UP));
                    net = e.getValue().subtract(tax);
                } else {
                    tax = QboMoney.round(e.getValue().multiply(percent).divide(BigDecimal.valueOf(100), 6,
                            RoundingMode.HALF_UP));
                    net = e.getValue();
                }
                totalTax = totalTax.add(tax);
                ObjectNode taxLine = taxLines.addObject();
                taxLine.put("Amount", tax);
                taxLine.put("DetailType", "TaxLineDetail");
                ObjectNode d = taxLine.putObject("TaxLineDetail");
                d.set("TaxRateRef", Company.ref(e.getKey(), null));
                d.put("PercentBased", true);
                d.put("TaxPercent", percent);
                d.put("NetAmountTaxable", QboMoney.round(net));
            }
        }
        detail.put("TotalTax", QboMoney.round(totalTax));
        if (!taxLines.isEmpty()) {
            detail.set("TaxLine", taxLines);
        }
        BigDecimal total = calculation.equals("TaxInclusive") || calculation.equals("NotApplicable")
                ? subtotal : subtotal.add(totalTax);
        return new Result(QboMoney.round(subtotal), QboMoney.round(total), detail);
    }

    private static String salesRateOf(Company company, String taxCodeId) {
        JsonNode details = company.require("TaxCode", taxCodeId).path("SalesTaxRateList").path("TaxRateDetail");
        if (!details.isArray() || details.isEmpty()) {
            throw QboFault.invalidReference("Line.SalesItemLineDetail.TaxCodeRef", "TaxCode", taxCodeId);
        }
        return QboMoney.refValue(details.get(0), "TaxRateRef");
    }
}
