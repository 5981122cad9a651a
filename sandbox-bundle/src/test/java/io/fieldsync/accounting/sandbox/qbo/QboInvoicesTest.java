package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

class QboInvoicesTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void anInvoiceComesBackAsQboWritesItWithTaxTotalAndBalanceComputed() {
        JsonNode invoice = fx.invoice("FS-1001", "2", "50.00");

        assertThat(invoice.get("Id").asText()).isEqualTo("1");
        assertThat(invoice.get("SyncToken").asText()).isEqualTo("0");
        assertThat(invoice.get("domain").asText()).isEqualTo("QBO");
        assertThat(invoice.get("sparse").asBoolean()).isFalse();
        assertThat(invoice.get("MetaData").get("CreateTime").asText()).isEqualTo("2026-03-02T01:00:00-08:00");
        assertThat(invoice.get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(invoice.get("TotalAmt").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(invoice.get("Balance").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(invoice.get("CustomerRef").get("name").asText()).isEqualTo("Harbour Plumbing Pty Ltd");
        assertThat(invoice.get("Line")).hasSize(2);
        assertThat(invoice.get("Line").get(1).get("DetailType").asText()).isEqualTo("SubTotalLineDetail");
        assertThat(invoice.get("DueDate").asText()).isEqualTo("2026-04-01");
        assertThat(invoice.get("LinkedTxn")).isEmpty();
        assertThat(fx.api().get("/invoice/1").json().get("Invoice").get("DocNumber").asText()).isEqualTo("FS-1001");
    }

    @Test
    void taxInclusiveAndNotApplicableChangeOnlyTheTaxArithmetic() {
        Exchange inclusive = fx.api().post("/invoice", line("\"GlobalTaxCalculation\":\"TaxInclusive\",", "100.00", "10"));
        Exchange none = fx.api().post("/invoice", line("\"GlobalTaxCalculation\":\"NotApplicable\",", "100.00", "10"));

        assertThat(inclusive.json().get("Invoice").get("TotalAmt").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(inclusive.json().get("Invoice").get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("9.09");
        assertThat(none.json().get("Invoice").get("TotalAmt").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(none.json().get("Invoice").get("TxnTaxDetail").get("TotalTax").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void theSalesFormRulesAnswerWithQboFaultCodes() {
        assertThat(code(fx.api().post("/invoice", line("", "99.00", "10")))).as("Amount ≠ Qty × UnitPrice").isEqualTo("6000");
        assertThat(code(fx.api().post("/invoice", line("", "100.00", null)))).as("no tax code").isEqualTo("6000");
        assertThat(code(fx.api().post("/invoice", line("", "100.00", "12")))).as("inactive tax code").isEqualTo("2500");
        assertThat(code(fx.api().post("/invoice", line("", "100.00", "10").replace("\"ItemRef\":{\"value\":\"1\"}",
                "\"ItemRef\":{\"value\":\"99\"}")))).as("unknown item").isEqualTo("2500");
        assertThat(code(fx.api().post("/invoice", line("\"DocNumber\":\"ABCDEFGHIJKLMNOPQRSTUV\",", "100.00", "10"))))
                .as("DocNumber of 22 characters").isEqualTo("6000");
        fx.invoice("DUP-1", "1", "10");
        Exchange duplicate = fx.api().post("/invoice", line("\"DocNumber\":\"DUP-1\",", "100.00", "10"));
        assertThat(code(duplicate)).isEqualTo("6140");
        assertThat(error(duplicate).get("element").asText()).isEqualTo("DocNumber");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("Fault").get("type").asText()).isEqualTo("ValidationFault");
        assertThat(code(fx.api().get("/invoice/404"))).as("unknown id").isEqualTo("610");
    }

    @Test
    void aSparseUpdateChangesOnlyWhatIsSentAndAStaleSyncTokenIs5010() {
        JsonNode invoice = fx.invoice("FS-2", "1", "100");

        Exchange sparse = fx.api().post("/invoice", """
                {"Id":"%s","SyncToken":"0","sparse":true,"DueDate":"2026-05-01"}""".formatted(invoice.get("Id").asText()));
        Exchange stale = fx.api().post("/invoice", """
                {"Id":"%s","SyncToken":"0","sparse":true,"PrivateNote":"late"}""".formatted(invoice.get("Id").asText()));

        JsonNode updated = sparse.json().get("Invoice");
        assertThat(updated.get("SyncToken").asText()).isEqualTo("1");
        assertThat(updated.get("DueDate").asText()).isEqualTo("2026-05-01");
        assertThat(updated.get("TotalAmt").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(code(stale)).isEqualTo("5010");
    }

    @Test
    void aFullUpdateReplacesTheLines() {
        JsonNode invoice = fx.invoice("FS-3", "1", "100");

        Exchange full = fx.api().post("/invoice", """
                {"Id":"%s","SyncToken":"0","CustomerRef":{"value":"2"},
                 "Line":[{"DetailType":"SalesItemLineDetail","Amount":30,
                          "SalesItemLineDetail":{"ItemRef":{"value":"2"},"Qty":3,"UnitPrice":10,"TaxCodeRef":{"value":"11"}}}]}
                """.formatted(invoice.get("Id").asText()));

        JsonNode updated = full.json().get("Invoice");
        assertThat(updated.get("DocNumber").asText()).as("kept").isEqualTo("FS-3");
        assertThat(updated.get("TotalAmt").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(updated.get("CustomerRef").get("value").asText()).isEqualTo("2");
    }

    @Test
    void voidZeroesTheInvoiceAndDeleteRemovesIt() {
        JsonNode a = fx.invoice("FS-4", "1", "100");
        JsonNode b = fx.invoice("FS-5", "1", "100");

        Exchange voided = fx.api().post("/invoice?operation=void", "{\"Id\":\"" + a.get("Id").asText() + "\",\"SyncToken\":\"0\"}");
        Exchange deleted = fx.api().post("/invoice?operation=delete", "{\"Id\":\"" + b.get("Id").asText() + "\",\"SyncToken\":\"0\"}");

        assertThat(voided.json().get("Invoice").get("TotalAmt").decimalValue()).isEqualByComparingTo("0");
        assertThat(voided.json().get("Invoice").get("Balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(voided.json().get("Invoice").get("PrivateNote").asText()).isEqualTo("Voided");
        assertThat(deleted.json().get("Invoice").get("status").asText()).isEqualTo("Deleted");
        assertThat(fx.api().get("/invoice/" + b.get("Id").asText()).status()).isEqualTo(400);
        assertThat(fx.sandbox().counts(fx.realmId()).invoices()).isEqualTo(1);
        assertThat(fx.sandbox().invoice(fx.realmId(), "FS-4").orElseThrow().voided()).isTrue();
    }

    @Test
    void creditMemosCarryRemainingCreditAndCanBeVoidedOrDeleted() {
        Exchange memo = fx.api().post("/creditmemo", line("", "20.00", "10").replace("\"Qty\":1,\"UnitPrice\":100,", ""));
        JsonNode m = memo.json().get("CreditMemo");
        assertThat(m.get("TotalAmt").decimalValue()).isEqualByComparingTo("22.00");
        assertThat(m.get("RemainingCredit").decimalValue()).isEqualByComparingTo("22.00");

        Exchange voided = fx.api().post("/creditmemo?operation=void", "{\"Id\":\"" + m.get("Id").asText() + "\",\"SyncToken\":\"0\"}");
        assertThat(voided.json().get("CreditMemo").get("RemainingCredit").decimalValue()).isEqualByComparingTo("0");
        Exchange deleted = fx.api().post("/creditmemo?operation=delete", "{\"Id\":\"" + m.get("Id").asText() + "\",\"SyncToken\":\"1\"}");
        assertThat(deleted.json().get("CreditMemo").get("status").asText()).isEqualTo("Deleted");
        assertThat(fx.sandbox().counts(fx.realmId()).creditMemos()).isZero();
    }

    @Test
    void aMissingDocNumberIsNumberedByQbo() {
        Exchange x = fx.api().post("/invoice", line("", "100.00", "10"));

        assertThat(x.json().get("Invoice").get("DocNumber").asText()).isEqualTo("1001");
        assertThat(fx.sandbox().invoice(fx.realmId(), "1001").orElseThrow().totalAmt()).isEqualByComparingTo(new BigDecimal("110"));
    }

    /** An invoice body with one line of Qty 1 × 100 and the given Amount and tax code (null: none). */
    static String line(String extra, String amount, String taxCode) {
        String tax = taxCode == null ? "" : ",\"TaxCodeRef\":{\"value\":\"" + taxCode + "\"}";
        return """
                {%s"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":%s,
                 "SalesItemLineDetail":{"Qty":1,"UnitPrice":100,"ItemRef":{"value":"1"}%s}}]}""".formatted(extra, amount, tax);
    }

    private static String code(Exchange x) {
        return error(x).get("code").asText();
    }
}
