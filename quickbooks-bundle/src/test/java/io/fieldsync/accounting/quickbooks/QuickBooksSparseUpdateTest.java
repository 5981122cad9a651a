package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * Issue 8, item 3: an invoice changed in the host is sent as a sparse update carrying only what the host owns, so
 * what someone set on it in QuickBooks (terms, class, location, custom fields, ship-to) survives; a full update
 * would clear every field it leaves out, as QBO does.
 */
class QuickBooksSparseUpdateTest extends QboSandboxTestBase {

    @Test
    void termsClassLocationCustomFieldsAndShipToSetInQuickBooksSurviveTheHostsChange() {
        String customer = customerId("Northside Electrical");
        PushOutcome created = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7001", ProductCategory.LABOUR), customer))).get(0);
        QboDirect person = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        String syncToken = person.get("/invoice/" + created.remoteId()).path("Invoice").path("SyncToken").asText();
        person.post("/invoice", "{\"Id\":\"" + created.remoteId() + "\",\"SyncToken\":\"" + syncToken + "\",\"sparse\":true,"
                + "\"SalesTermRef\":{\"value\":\"3\"},\"ClassRef\":{\"value\":\"200\"},\"DepartmentRef\":{\"value\":\"1\"},"
                + "\"CustomField\":[{\"DefinitionId\":\"1\",\"Name\":\"Crew\",\"Type\":\"StringType\",\"StringValue\":\"Blue\"}],"
                + "\"ShipAddr\":{\"Line1\":\"12 Wharf Rd\",\"City\":\"Balmain\"}}");

        Invoice changed = invoice("I-1", "FS-7001", ProductCategory.LABOUR, "3");
        PushOutcome updated = provider.documents().pushInvoices(session, List.of(session.invoicePush(created.document(), key("I-1-r2"), changed, customer,
                created.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.SYNCED);
        JsonNode stored = person.get("/invoice/" + created.remoteId()).path("Invoice");
        assertThat(stored.path("TotalAmt").decimalValue()).as("the host's change arrived: 3 h labour").isEqualByComparingTo("335.50");
        assertThat(stored.path("SalesTermRef").path("value").asText()).isEqualTo("3");
        assertThat(stored.path("ClassRef").path("value").asText()).isEqualTo("200");
        assertThat(stored.path("DepartmentRef").path("value").asText()).isEqualTo("1");
        assertThat(stored.path("CustomField").path(0).path("StringValue").asText()).isEqualTo("Blue");
        assertThat(stored.path("ShipAddr").path("City").asText()).isEqualTo("Balmain");
        assertThat(exchangesTo("/batch").get(exchangesTo("/batch").size() - 1).requestBody()).contains("\"sparse\":true");
    }
}
