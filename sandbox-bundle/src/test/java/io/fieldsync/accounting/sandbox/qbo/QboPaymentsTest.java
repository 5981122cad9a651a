package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.qbo.control.QboPaymentSnapshot;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QboPaymentsTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void aPaymentLowersTheInvoiceBalanceLinksItAndDefaultsToUndepositedFunds() {
        JsonNode invoice = fx.invoice("FS-1", "1", "100");

        Exchange x = fx.api().post("/payment", payment("60.00", "60.00", invoice.get("Id").asText()));

        JsonNode payment = x.json().get("Payment");
        assertThat(payment.get("DepositToAccountRef").get("value").asText()).isEqualTo("4");
        assertThat(payment.get("UnappliedAmt").decimalValue()).isEqualByComparingTo("0");
        JsonNode after = fx.api().get("/invoice/" + invoice.get("Id").asText()).json().get("Invoice");
        assertThat(after.get("Balance").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(after.get("SyncToken").asText()).isEqualTo("1");
        assertThat(after.get("LinkedTxn").get(0).get("TxnType").asText()).isEqualTo("Payment");
        assertThat(after.get("LinkedTxn").get(0).get("TxnId").asText()).isEqualTo(payment.get("Id").asText());
    }

    @Test
    void moreThanTheBalanceIsRefusedAndAnExtraAmountStaysUnapplied() {
        JsonNode invoice = fx.invoice("FS-2", "1", "100");

        Exchange tooMuch = fx.api().post("/payment", payment("120.00", "120.00", invoice.get("Id").asText()));
        Exchange extra = fx.api().post("/payment", payment("130.00", "110.00", invoice.get("Id").asText()));

        assertThat(error(tooMuch).get("code").asText()).isEqualTo("6000");
        assertThat(extra.json().get("Payment").get("UnappliedAmt").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(fx.sandbox().invoice(fx.realmId(), "FS-2").orElseThrow().balance()).isEqualByComparingTo("0");
    }

    @Test
    void aZeroPaymentLinkingACreditMemoAppliesTheCreditToTheInvoice() {
        JsonNode invoice = fx.invoice("FS-3", "1", "100");
        JsonNode memo = fx.api().post("/creditmemo", """
                {"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":20,
                 "SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"10"}}}]}""").json().get("CreditMemo");

        Exchange x = fx.api().post("/payment", """
                {"CustomerRef":{"value":"1"},"TotalAmt":0,"Line":[
                  {"Amount":22.00,"LinkedTxn":[{"TxnId":"%s","TxnType":"Invoice"}]},
                  {"Amount":22.00,"LinkedTxn":[{"TxnId":"%s","TxnType":"CreditMemo"}]}]}"""
                .formatted(invoice.get("Id").asText(), memo.get("Id").asText()));

        assertThat(x.status()).as(x.body()).isEqualTo(200);
        assertThat(fx.api().get("/invoice/" + invoice.get("Id").asText()).json().get("Invoice").get("Balance")
                .decimalValue()).isEqualByComparingTo("88.00");
        assertThat(fx.api().get("/creditmemo/" + memo.get("Id").asText()).json().get("CreditMemo")
                .get("RemainingCredit").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void voidingOrDeletingAPaymentReopensTheInvoice() {
        JsonNode invoice = fx.invoice("FS-4", "1", "100");
        JsonNode p1 = fx.api().post("/payment", payment("50.00", "50.00", invoice.get("Id").asText())).json().get("Payment");
        JsonNode p2 = fx.api().post("/payment", payment("60.00", "60.00", invoice.get("Id").asText())).json().get("Payment");

        Exchange voided = fx.api().post("/payment?operation=void", "{\"Id\":\"" + p1.get("Id").asText() + "\",\"SyncToken\":\"0\"}");
        Exchange deleted = fx.api().post("/payment?operation=delete", "{\"Id\":\"" + p2.get("Id").asText() + "\",\"SyncToken\":\"0\"}");

        assertThat(voided.json().get("Payment").get("TotalAmt").decimalValue()).isEqualByComparingTo("0");
        assertThat(deleted.json().get("Payment").get("status").asText()).isEqualTo("Deleted");
        assertThat(fx.sandbox().invoice(fx.realmId(), "FS-4").orElseThrow().balance()).isEqualByComparingTo("110.00");
        assertThat(fx.sandbox().payments(fx.realmId())).extracting(QboPaymentSnapshot::voided, QboPaymentSnapshot::deleted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false), org.assertj.core.groups.Tuple.tuple(false, true));
        assertThat(error(fx.api().post("/invoice?operation=void", "{\"Id\":\"" + invoice.get("Id").asText()
                + "\",\"SyncToken\":\"9\"}")).get("code").asText()).isEqualTo("5010");
    }

    @Test
    void theDepositAccountMustBeABankOrUndepositedFunds() {
        JsonNode invoice = fx.invoice("FS-5", "1", "100");
        String body = payment("10.00", "10.00", invoice.get("Id").asText());

        Exchange bank = fx.api().post("/payment", body.replace("\"CustomerRef\"", "\"DepositToAccountRef\":{\"value\":\"5\"},\"CustomerRef\""));
        Exchange income = fx.api().post("/payment", body.replace("\"CustomerRef\"", "\"DepositToAccountRef\":{\"value\":\"1\"},\"CustomerRef\""));

        assertThat(bank.status()).isEqualTo(200);
        assertThat(error(income).get("code").asText()).isEqualTo("6000");
        assertThat(error(fx.api().post("/payment", payment("10.00", "10.00", "999"))).get("code").asText())
                .as("unknown invoice").isEqualTo("610");
    }

    @Test
    void enterPaymentActsLikeAPersonInQbo() {
        fx.invoice("FS-6", "1", "100");

        QboPaymentSnapshot p = fx.sandbox().enterPayment(fx.realmId(), "FS-6", new BigDecimal("110.00"), LocalDate.of(2026, 3, 3));

        assertThat(p.depositAccount()).isEqualTo("4");
        assertThat(fx.sandbox().invoice(fx.realmId(), "FS-6").orElseThrow().balance()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> fx.sandbox().enterPayment(fx.realmId(), "FS-6", BigDecimal.ONE, LocalDate.of(2026, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String payment(String total, String applied, String invoiceId) {
        return """
                {"CustomerRef":{"value":"1"},"TotalAmt":%s,"TxnDate":"2026-03-02",
                 "Line":[{"Amount":%s,"LinkedTxn":[{"TxnId":"%s","TxnType":"Invoice"}]}]}""".formatted(total, applied, invoiceId);
    }
}
