package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * The sales tax QBO computes for a US company (api-facts §8.2; Finance.xsd TxnTaxDetail: "the US tax model can have
 * just a single tax code for the entire transaction"). A line says only whether it is taxable ({@code TaxCodeRef}
 * TAX or NON); the transaction names one active sales-tax code in {@code TxnTaxDetail.TxnTaxCodeRef}, and the tax is
 * the taxable lines' sum times each of that code's sales rates, one TaxLine per rate rounded half-up to cents,
 * TotalTax their sum [U: for a combined code QBO may round the combined rate once; for a single-rate code both are
 * the same]. Amounts are always tax-exclusive: US companies have no {@code GlobalTaxCalculation}.
 * <p>
 * With Automated Sales Tax on ({@link CompanyPreferences#automatedSalesTax}), "the AST engine assigns the appropriate
 * tax code to sales transaction objects and automatically calculates the tax amount", and "whenever an explicit tax
 * amount is sent in the transaction request the AST engine honors the amount and prorates it across tax rates in the
 * AST-assigned tax code" (Intuit blog "Using QuickBooks Online API for automated sales tax", 2017-12-11). The amount
 * sent ({@code TxnTaxDetail.TotalTax}) is kept only when the user allows partner overrides and the request does not
 * set {@code UseAutomatedSalesTax} (Finance.xsd, TxnTaxDetail.UseAutomatedSalesTax). The sandbox prorates by rate,
 * the last rate taking the rounding remainder [U].
 */
final class UsSalesTax {

    static final String TAXABLE = "TAX";
    static final String NON_TAXABLE = "NON";
    private static final Set<String> LINE_CODES = Set.of(TAXABLE, NON_TAXABLE);

    private UsSalesTax() {
    }

    /**
     * The TaxCodeRef of a US line: TAX or NON; NON when absent (the demo items are not taxable, and QBO takes an
     * item's default) [U: the exact text of QBO's refusal of a real code id on a US line].
     */
    static String lineCode(JsonNode detail) {
        String code = QboMoney.refValue(detail, "TaxCodeRef");
        if (code == null) {
            return NON_TAXABLE;
        }
        if (!LINE_CODES.contains(code)) {
            throw QboFault.business("Invalid tax code " + code + " on a line: in a US company a line's TaxCodeRef is "
                    + "TAX or NON, and the sales tax code goes in TxnTaxDetail.TxnTaxCodeRef",
                    "Line.SalesItemLineDetail.TaxCodeRef");
        }
        return code;
    }

    /** A US company refuses the global model's {@code GlobalTaxCalculation} [U: QBO's code and words]. */
    static void refuseGlobalCalculation(JsonNode document) {
        if (document.hasNonNull("GlobalTaxCalculation")) {
            throw QboFault.business("GlobalTaxCalculation is not supported for US companies: amounts are tax-exclusive "
                    + "and the sales tax is named in TxnTaxDetail.TxnTaxCodeRef", "GlobalTaxCalculation");
        }
    }

    static SalesTax.Result compute(Company company, ArrayNode lines, JsonNode requestedDetail) {
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal taxable = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            if (!"SalesItemLineDetail".equals(line.path("DetailType").asText())) {
                continue;
            }
            BigDecimal amount = line.get("Amount").decimalValue();
            subtotal = subtotal.add(amount);
            if (TAXABLE.equals(QboMoney.refValue(line.get("SalesItemLineDetail"), "TaxCodeRef"))) {
                taxable = taxable.add(amount);
            }
        }
        ObjectNode detail = SandboxJson.object();
        String astCode = company.preferences().automatedSalesTaxCode();
        String codeId = astCode != null && taxable.signum() != 0 ? astCode : QboMoney.refValue(requestedDetail, "TxnTaxCodeRef");
        if (codeId == null) {
            if (taxable.signum() != 0) {
                throw QboFault.business("A taxable line needs a sales tax: name an active sales tax code in "
                        + "TxnTaxDetail.TxnTaxCodeRef", "TxnTaxDetail.TxnTaxCodeRef");
            }
            detail.put("TotalTax", QboMoney.round(BigDecimal.ZERO));
            return new SalesTax.Result(QboMoney.round(subtotal), QboMoney.round(subtotal), detail);
        }
        ObjectNode code = salesTaxCode(company, codeId);
        detail.set("TxnTaxCodeRef", Company.ref(codeId, code.path("Name").asText(null)));
        ArrayNode taxLines = SandboxJson.array();
        BigDecimal totalTax = BigDecimal.ZERO;
        BigDecimal override = astCode == null ? null : partnerAmount(company, requestedDetail);
        JsonNode rates = code.path("SalesTaxRateList").path("TaxRateDetail");
        BigDecimal combined = BigDecimal.ZERO;
        for (JsonNode rateDetail : rates) {
            combined = combined.add(company.require("TaxRate", QboMoney.refValue(rateDetail, "TaxRateRef")).get("RateValue").decimalValue());
        }
        int index = 0;
        for (JsonNode rateDetail : rates) {
            String rateId = QboMoney.refValue(rateDetail, "TaxRateRef");
            BigDecimal percent = company.require("TaxRate", rateId).get("RateValue").decimalValue();
            BigDecimal tax;
            if (override == null) {
                tax = QboMoney.round(taxable.multiply(percent).divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP));
            } else if (++index == rates.size()) {
                tax = QboMoney.round(override.subtract(totalTax));
            } else {
                tax = combined.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                        : QboMoney.round(override.multiply(percent).divide(combined, 6, RoundingMode.HALF_UP));
            }
            totalTax = totalTax.add(tax);
            ObjectNode taxLine = taxLines.addObject();
            taxLine.put("Amount", tax);
            taxLine.put("DetailType", "TaxLineDetail");
            ObjectNode d = taxLine.putObject("TaxLineDetail");
            d.set("TaxRateRef", Company.ref(rateId, null));
            d.put("PercentBased", true);
            d.put("TaxPercent", percent);
            d.put("NetAmountTaxable", QboMoney.round(taxable));
        }
        detail.put("TotalTax", QboMoney.round(totalTax));
        detail.set("TaxLine", taxLines);
        return new SalesTax.Result(QboMoney.round(subtotal), QboMoney.round(subtotal.add(totalTax)), detail);
    }

    /** The tax amount an app sent that AST keeps (see the class comment), or null when AST computes its own. */
    private static BigDecimal partnerAmount(Company company, JsonNode requestedDetail) {
        if (!company.preferences().allowPartnerTaxOverride() || requestedDetail.path("UseAutomatedSalesTax").asBoolean(false)) {
            return null;
        }
        return QboMoney.read(requestedDetail, "TotalTax");
    }

    /** An active code with sales rates; TAX, NON, an inactive or unknown code is an invalid reference (2500). */
    private static ObjectNode salesTaxCode(Company company, String codeId) {
        return company.find("TaxCode", codeId)
                .filter(code -> code.path("Active").asBoolean(true))
                .filter(code -> !code.path("SalesTaxRateList").path("TaxRateDetail").isEmpty())
                .orElseThrow(() -> QboFault.invalidReference("TxnTaxDetail.TxnTaxCodeRef", "TaxCode", codeId));
    }
}
