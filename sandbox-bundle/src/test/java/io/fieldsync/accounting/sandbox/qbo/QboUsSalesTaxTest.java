package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

/** The US demo company over HTTP: lines TAX/NON, one sales-tax code per transaction, no GlobalTaxCalculation. */
class QboUsSalesTaxTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture().usCompany();

    @Test
    void theCompanyIsAmericanAndListsTheTaxAndNonPseudoCodesBesideItsSalesTaxCodes() {
        JsonNode info = fx.api().get("/companyinfo/" + fx.realmId()).json().get("CompanyInfo");
        JsonNode codes = fx.api().query("select * from TaxCode").json().get("QueryResponse").get("TaxCode");

        assertThat(info.get("Country").asText()).isEqualTo("US");
        assertThat(ids(codes)).as("active codes, as a query lists them").containsExactlyInAnyOrder("TAX", "NON", "2", "3", "5");
        assertThat(byId(codes, "TAX").get("Taxable").asBoolean()).isTrue();
        assertThat(byId(codes, "NON").get("Taxable").asBoolean()).isFalse();
        assertThat(byId(codes, "NON").has("SalesTaxRateList")).as("pseudo codes carry no rates").isFalse();
        assertThat(byId(codes, "2").get("Name").asText()).isEqualTo("California");
        assertThat(byId(codes, "2").get("SalesTaxRateList").get("TaxRateDetail").get(0).get("TaxRateRef").get("value").asText())
                .isEqualTo("3");
        assertThat(fx.api().get("/taxrate/3").json().get("TaxRate").get("RateValue").decimalValue()).isEqualByComparingTo("8.25");
        assertThat(fx.api().query("select * from TaxCode where Id = 'NON'").json().get("QueryResponse").get("TaxCode"))
                .hasSize(1);
    }

    @Test
    void taxIsTheTaxableLinesTimesTheTransactionCodesRateRoundedHalfUp() {
        Exchange x = fx.api().post("/invoice", invoice("\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"2\"}},",
                line("TAX", "3", "33.33"), line("NON", "1", "40.00")));

        JsonNode invoice = x.json().get("Invoice");
        JsonNode tax = invoice.get("TxnTaxDetail");
        // 99.99 taxable × 8.25% = 8.249175 → 8.25; 40.00 exempt
        assertThat(x.status()).as(x.body()).isEqualTo(200);
        assertThat(tax.get("TxnTaxCodeRef").get("value").asText()).isEqualTo("2");
        assertThat(tax.get("TotalTax").decimalValue()).isEqualByComparingTo("8.25");
        assertThat(tax.get("TaxLine")).singleElement().satisfies(taxLine -> {
            assertThat(taxLine.get("TaxLineDetail").get("TaxRateRef").get("value").asText()).isEqualTo("3");
            assertThat(taxLine.get("TaxLineDetail").get("NetAmountTaxable").decimalValue()).isEqualByComparingTo("99.99");
        });
        assertThat(invoice.get("TotalAmt").decimalValue()).isEqualByComparingTo("148.24");
        assertThat(invoice.get("Balance").decimalValue()).isEqualByComparingTo("148.24");
        assertThat(invoice.has("GlobalTaxCalculation")).as("US companies have none").isFalse();
        assertThat(invoice.get("Line").get(0).get("SalesItemLineDetail").get("TaxCodeRef").get("value").asText()).isEqualTo("TAX");
    }

    @Test
    void aCombinedCodeAddsItsRates() {
        Exchange x = fx.api().post("/invoice", invoice("\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"5\"}},",
                line("TAX", "1", "200.00")));

        // 7.25% + 2.25% of 200.00
        assertThat(x.json().get("Invoice").get("TxnTaxDetail").get("TaxLine")).hasSize(2);
        assertThat(x.json().get("Invoice").get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(x.json().get("Invoice").get("TotalAmt").decimalValue()).isEqualByComparingTo("219.00");
    }

    @Test
    void anAllExemptInvoiceNeedsNoSalesTaxCodeAndALineWithoutTaxCodeIsNon() {
        Exchange x = fx.api().post("/invoice", invoice("", line("NON", "2", "50.00"), line(null, "1", "10.00")));

        assertThat(x.status()).as(x.body()).isEqualTo(200);
        assertThat(x.json().get("Invoice").get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("0");
        assertThat(x.json().get("Invoice").get("TotalAmt").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(x.json().get("Invoice").get("Line").get(1).get("SalesItemLineDetail").get("TaxCodeRef").get("value").asText())
                .isEqualTo("NON");
    }

    @Test
    void theUsRulesAnswerWithQboFaultCodes() {
        String california = "\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"2\"}},";
        Exchange realCodeOnLine = fx.api().post("/invoice", invoice(california, line("2", "1", "10.00")));
        assertThat(code(realCodeOnLine)).as("a real tax code on a line").isEqualTo("6000");
        assertThat(error(realCodeOnLine).get("Detail").asText()).contains("TAX or NON");
        assertThat(code(fx.api().post("/invoice", invoice("", line("TAX", "1", "10.00"))))).as("TAX without a sales tax code")
                .isEqualTo("6000");
        assertThat(code(fx.api().post("/invoice", invoice("\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"4\"}},",
                line("TAX", "1", "10.00"))))).as("an inactive sales tax code").isEqualTo("2500");
        assertThat(code(fx.api().post("/invoice", invoice("\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"TAX\"}},",
                line("TAX", "1", "10.00"))))).as("TAX is not a sales tax code").isEqualTo("2500");
        Exchange global = fx.api().post("/invoice", invoice(california + "\"GlobalTaxCalculation\":\"TaxExcluded\",",
                line("TAX", "1", "10.00")));
        assertThat(code(global)).as("GlobalTaxCalculation").isEqualTo("6000");
        assertThat(error(global).get("element").asText()).isEqualTo("GlobalTaxCalculation");
        assertThat(fx.sandbox().counts(fx.realmId()).invoices()).isZero();
    }

    @Test
    void aCreditMemoFollowsTheSameRulesAndASparseUpdateKeepsTheSalesTaxCode() {
        Exchange memo = fx.api().post("/creditmemo", invoice("\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"3\"}},",
                line("TAX", "1", "100.00")));
        JsonNode m = memo.json().get("CreditMemo");
        assertThat(m.get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("6.85");
        assertThat(m.get("RemainingCredit").decimalValue()).isEqualByComparingTo("106.85");
        assertThat(code(fx.api().post("/creditmemo", invoice("", line("NON", "1", "1.00"))
                .replace("\"NON\"", "\"3\"")))).isEqualTo("6000");

        Exchange sparse = fx.api().post("/creditmemo", """
                {"Id":"%s","SyncToken":"0","sparse":true,"PrivateNote":"returned"}""".formatted(m.get("Id").asText()));

        assertThat(sparse.status()).as(sparse.body()).isEqualTo(200);
        assertThat(sparse.json().get("CreditMemo").get("TxnTaxDetail").get("TxnTaxCodeRef").get("value").asText()).isEqualTo("3");
        assertThat(sparse.json().get("CreditMemo").get("TotalAmt").decimalValue()).isEqualByComparingTo("106.85");
    }

    @Test
    void aGlobalTaxModelCompanyInTheSameSandboxStillRefusesTheUsPseudoCodes() {
        QboSandbox sandbox = fx.sandbox();
        String global = sandbox.seedDemoCompany(DemoCompany.NAME).realmId();
        String token = sandbox.connect(global).accessToken();
        QboTestClient client = new QboTestClient(sandbox.apiUrl(), () -> token, () -> global, exchange -> { });

        Exchange x = client.post("/invoice", invoice("", line("TAX", "1", "10.00")));

        assertThat(code(x)).as("TAX is no tax code of a global company").isEqualTo("2500");
        assertThat(client.get("/companyinfo/" + global).json().get("CompanyInfo").get("Country").asText()).isEqualTo("AU");
    }

    @Test
    void withAutomatedSalesTaxTheCodeSentIsReplacedByAstsAndAnAmountSentIsProratedOverItsRates() {
        fx.sandbox().changePreferences(fx.realmId(), prefs -> prefs.automatedSalesTax("5", true));
        String california = "\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"2\"}},";

        JsonNode computed = fx.api().post("/invoice", invoice(california, line("TAX", "1", "200.00"))).json().get("Invoice");
        JsonNode overridden = fx.api().post("/invoice", invoice(
                "\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"2\"},\"TotalTax\":16.50},", line("TAX", "1", "200.00")))
                .json().get("Invoice");

        assertThat(fx.api().get("/preferences").json().get("Preferences").get("TaxPrefs").get("PartnerTaxEnabled").asBoolean()).isTrue();
        assertThat(computed.get("TxnTaxDetail").get("TxnTaxCodeRef").get("value").asText()).as("AST's code, not California").isEqualTo("5");
        assertThat(computed.get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(overridden.get("TxnTaxDetail").get("TotalTax").decimalValue()).as("the amount sent, honoured").isEqualByComparingTo("16.50");
        assertThat(overridden.get("TxnTaxDetail").get("TaxLine")).hasSize(2);
        assertThat(overridden.get("TotalAmt").decimalValue()).isEqualByComparingTo("216.50");
    }

    @Test
    void withAutomatedSalesTaxAndNoPartnerOverrideTheAmountSentIsIgnored() {
        fx.sandbox().changePreferences(fx.realmId(), prefs -> prefs.automatedSalesTax("5", false));

        JsonNode invoice = fx.api().post("/invoice", invoice(
                "\"TxnTaxDetail\":{\"TxnTaxCodeRef\":{\"value\":\"2\"},\"TotalTax\":16.50},", line("TAX", "1", "200.00")))
                .json().get("Invoice");

        assertThat(invoice.get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(invoice.get("TotalAmt").decimalValue()).isEqualByComparingTo("219.00");
    }

    private static List<String> ids(JsonNode entities) {
        List<String> ids = new ArrayList<>();
        entities.forEach(entity -> ids.add(entity.get("Id").asText()));
        return ids;
    }

    private static JsonNode byId(JsonNode entities, String id) {
        for (JsonNode entity : entities) {
            if (entity.get("Id").asText().equals(id)) {
                return entity;
            }
        }
        throw new AssertionError("no entity " + id);
    }

    /** A sales form for customer 1 with {@code extra} fields and the given lines. */
    private static String invoice(String extra, String... lines) {
        return "{" + extra + "\"CustomerRef\":{\"value\":\"1\"},\"Line\":[" + String.join(",", lines) + "]}";
    }

    /** A line of item 1, qty × price, with TaxCodeRef {@code taxCode} (null: none). */
    private static String line(String taxCode, String qty, String unitPrice) {
        String amount = new java.math.BigDecimal(qty).multiply(new java.math.BigDecimal(unitPrice)).toPlainString();
        String tax = taxCode == null ? "" : ",\"TaxCodeRef\":{\"value\":\"" + taxCode + "\"}";
        return """
                {"DetailType":"SalesItemLineDetail","Amount":%s,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":%s,\
                "UnitPrice":%s%s}}""".formatted(amount, qty, unitPrice, tax);
    }

    private static String code(Exchange x) {
        return error(x).get("code").asText();
    }
}
