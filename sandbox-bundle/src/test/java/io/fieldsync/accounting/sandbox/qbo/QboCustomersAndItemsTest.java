package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

class QboCustomersAndItemsTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void aCustomerIsCreatedWithQboDefaultsAndFoundByDisplayNameButNotByEmail() {
        Exchange x = fx.api().post("/customer", """
                {"DisplayName":"Acme Plumbing","PrimaryEmailAddr":{"Address":"ap@acme.example"}}""");

        JsonNode customer = x.json().get("Customer");
        assertThat(customer.get("Id").asText()).isEqualTo("4");
        assertThat(customer.get("Active").asBoolean()).isTrue();
        assertThat(customer.get("Balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(customer.get("CurrencyRef").get("value").asText()).isEqualTo("AUD");
        JsonNode found = fx.api().query("select * from Customer where DisplayName = 'acme plumbing'").json();
        assertThat(found.get("QueryResponse").get("Customer").get(0).get("Id").asText()).isEqualTo("4");
        Exchange byEmail = fx.api().query("select * from Customer where PrimaryEmailAddr = 'ap@acme.example'");
        assertThat(byEmail.status()).isEqualTo(400);
        assertThat(error(byEmail).get("Detail").asText()).isEqualTo("QueryValidationError: property 'PrimaryEmailAddr' is not queryable");
    }

    @Test
    void aDuplicateDisplayNameIs6240EvenIgnoringCase() {
        Exchange x = fx.api().post("/customer", "{\"DisplayName\":\"liam gallagher\"}");

        assertThat(x.status()).isEqualTo(400);
        assertThat(error(x).get("code").asText()).isEqualTo("6240");
        assertThat(error(x).get("Message").asText()).isEqualTo("Duplicate Name Exists Error");
    }

    @Test
    void aCustomerIsDeactivatedBySparseUpdateAndThenHiddenFromQueriesAndNewInvoices() {
        Exchange x = fx.api().post("/customer", "{\"Id\":\"3\",\"SyncToken\":\"0\",\"sparse\":true,\"Active\":false}");

        assertThat(x.json().get("Customer").get("DisplayName").asText()).isEqualTo("Northside Electrical");
        assertThat(fx.api().query("select count(*) from Customer").json().get("QueryResponse").get("totalCount").asInt()).isEqualTo(2);
        assertThat(fx.api().query("select * from Customer where Active = false").json().get("QueryResponse")
                .get("Customer")).hasSize(1);
        assertThat(error(fx.api().post("/invoice", QboInvoicesTest.line("", "100", "10")
                .replace("\"CustomerRef\":{\"value\":\"1\"}", "\"CustomerRef\":{\"value\":\"3\"}"))).get("code").asText())
                .isEqualTo("2500");
        assertThat(error(fx.api().post("/customer?operation=delete", "{\"Id\":\"2\",\"SyncToken\":\"0\"}"))
                .get("code").asText()).as("QBO never deletes names").isEqualTo("500");
    }

    @Test
    void aServiceItemNeedsAnActiveIncomeAccount() {
        Exchange ok = fx.api().post("/item", "{\"Name\":\"Call-out\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"2\"}}");
        Exchange bank = fx.api().post("/item", "{\"Name\":\"Bad\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"5\"}}");
        Exchange inactive = fx.api().post("/item", "{\"Name\":\"Old\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"8\"}}");
        Exchange duplicate = fx.api().post("/item", "{\"Name\":\"hours\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"2\"}}");

        assertThat(ok.json().get("Item").get("IncomeAccountRef").get("name").asText()).isEqualTo("Services");
        assertThat(error(bank).get("code").asText()).isEqualTo("2500");
        assertThat(error(inactive).get("code").asText()).isEqualTo("2500");
        assertThat(error(duplicate).get("code").asText()).isEqualTo("6240");
    }

    @Test
    void settingsAndCompanyInfoCanBeRead() {
        assertThat(fx.api().get("/companyinfo/" + fx.realmId()).json().get("CompanyInfo").get("Id").asText()).isEqualTo(fx.realmId());
        assertThat(fx.api().get("/taxcode/10").json().get("TaxCode").get("Name").asText()).isEqualTo("GST");
        assertThat(fx.api().query("select * from Account where AccountType = 'Income'").json().get("QueryResponse")
                .get("Account")).as("Old Income is inactive").hasSize(3);
        assertThat(fx.api().query("select * from TaxRate where Id = '20'").json().get("QueryResponse").get("TaxRate")
                .get(0).get("RateValue").decimalValue()).isEqualByComparingTo("10");
    }
}
