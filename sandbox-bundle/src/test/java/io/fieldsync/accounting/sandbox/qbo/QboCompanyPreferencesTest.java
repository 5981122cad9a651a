package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

/** The company settings QBO enforces, over HTTP: multicurrency, line discounts, and the Preferences that show them. */
class QboCompanyPreferencesTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void preferencesShowHomeCurrencyMulticurrencyOffAndDiscountsOnByQueryAndByRead() {
        JsonNode queried = fx.api().query("select * from Preferences").json().get("QueryResponse").get("Preferences").get(0);
        JsonNode read = fx.api().get("/preferences").json().get("Preferences");

        for (JsonNode prefs : new JsonNode[] {queried, read}) {
            assertThat(prefs.get("CurrencyPrefs").get("MultiCurrencyEnabled").asBoolean()).isFalse();
            assertThat(prefs.get("CurrencyPrefs").get("HomeCurrency").get("value").asText()).isEqualTo("AUD");
            assertThat(prefs.get("SalesFormsPrefs").get("AllowDiscount").asBoolean()).isTrue();
            assertThat(prefs.get("TaxPrefs").has("PartnerTaxEnabled")).as("no AST outside the US").isFalse();
        }
    }

    @Test
    void withoutMulticurrencyACustomerOrInvoiceInAnotherCurrencyIsRefusedAndNothingIsStored() {
        Exchange customer = fx.api().post("/customer", "{\"DisplayName\":\"Euro GmbH\",\"CurrencyRef\":{\"value\":\"EUR\"}}");
        Exchange invoice = fx.api().post("/invoice", invoiceIn("1", "EUR"));
        Exchange home = fx.api().post("/customer", "{\"DisplayName\":\"Home Pty\",\"CurrencyRef\":{\"value\":\"AUD\"}}");

        assertThat(customer.status()).isEqualTo(400);
        assertThat(error(customer).get("code").asText()).isEqualTo("6000");
        assertThat(error(customer).get("Detail").asText()).contains("Multicurrency is not enabled");
        assertThat(error(invoice).get("code").asText()).isEqualTo("6000");
        assertThat(error(invoice).get("element").asText()).isEqualTo("CurrencyRef");
        assertThat(fx.sandbox().counts(fx.realmId()).invoices()).isZero();
        assertThat(home.status()).as("the home currency named explicitly").isEqualTo(200);
    }

    @Test
    void withMulticurrencyACustomerKeepsTheCurrencyItWasCreatedInAndItsTransactionsMustUseIt() {
        fx.sandbox().changePreferences(fx.realmId(), prefs -> prefs.enableMultiCurrency());
        JsonNode euro = fx.api().post("/customer", "{\"DisplayName\":\"Euro GmbH\",\"CurrencyRef\":{\"value\":\"EUR\"}}")
                .json().get("Customer");
        String id = euro.get("Id").asText();

        Exchange inEuro = fx.api().post("/invoice", invoiceIn(id, "EUR"));
        Exchange unnamed = fx.api().post("/invoice", invoiceIn(id, null));
        Exchange inDollars = fx.api().post("/invoice", invoiceIn(id, "AUD"));
        Exchange change = fx.api().post("/customer", """
                {"Id":"%s","SyncToken":"0","sparse":true,"CurrencyRef":{"value":"AUD"}}""".formatted(id));

        assertThat(euro.get("CurrencyRef").get("value").asText()).isEqualTo("EUR");
        assertThat(inEuro.status()).as(inEuro.body()).isEqualTo(200);
        assertThat(inEuro.json().get("Invoice").get("CurrencyRef").get("value").asText()).isEqualTo("EUR");
        assertThat(unnamed.json().get("Invoice").get("CurrencyRef").get("value").asText()).as("the customer's").isEqualTo("EUR");
        assertThat(error(inDollars).get("Detail").asText()).contains("does not match the currency EUR");
        assertThat(error(change).get("Detail").asText()).contains("cannot be changed");
        assertThat(fx.api().query("select * from Preferences").json().get("QueryResponse").get("Preferences").get(0)
                .get("CurrencyPrefs").get("MultiCurrencyEnabled").asBoolean()).isTrue();
    }

    @Test
    void aPaymentInAnotherCurrencyThanItsCustomerIsRefused() {
        JsonNode invoice = fx.invoice("1001", "1", "100.00");
        Exchange payment = fx.api().post("/payment", """
                {"CustomerRef":{"value":"1"},"TotalAmt":10.00,"CurrencyRef":{"value":"NZD"},
                 "Line":[{"Amount":10.00,"LinkedTxn":[{"TxnId":"%s","TxnType":"Invoice"}]}]}""".formatted(invoice.get("Id").asText()));

        assertThat(error(payment).get("element").asText()).isEqualTo("CurrencyRef");
        assertThat(fx.sandbox().counts(fx.realmId()).payments()).isZero();
    }

    @Test
    void withDiscountsOffALineDiscountIsRefusedAndALineWithoutOneIsTaken() {
        fx.sandbox().changePreferences(fx.realmId(), prefs -> prefs.allowDiscount(false));

        Exchange discounted = fx.api().post("/invoice", """
                {"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":90.00,
                 "SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":1,"UnitPrice":100.00,"DiscountRate":10,"TaxCodeRef":{"value":"10"}}}]}""");

        assertThat(error(discounted).get("code").asText()).isEqualTo("6000");
        assertThat(error(discounted).get("Detail").asText()).contains("Discounts are turned off");
        assertThat(fx.api().get("/preferences").json().get("Preferences").get("SalesFormsPrefs").get("AllowDiscount").asBoolean()).isFalse();
        assertThat(fx.invoice("1001", "1", "90.00").get("TotalAmt").decimalValue()).isEqualByComparingTo("99.00");
    }

    private static String invoiceIn(String customerId, String currency) {
        String ref = currency == null ? "" : "\"CurrencyRef\":{\"value\":\"" + currency + "\"},";
        return """
                {%s"CustomerRef":{"value":"%s"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":10.00,
                 "SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":1,"UnitPrice":10.00,"TaxCodeRef":{"value":"10"}}}]}"""
                .formatted(ref, customerId);
    }
}
