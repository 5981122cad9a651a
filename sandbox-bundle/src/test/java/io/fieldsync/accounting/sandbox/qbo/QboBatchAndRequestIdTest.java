package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

class QboBatchAndRequestIdTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void batchItemsAreIndependentEachWithItsOwnResultOrFault() {
        Exchange x = fx.api().post("/batch", """
                {"BatchItemRequest":[
                  {"bId":"1","operation":"create","Customer":{"DisplayName":"Batch Co"}},
                  {"bId":"2","operation":"create","Customer":{"DisplayName":"Liam Gallagher"}},
                  {"bId":"3","operation":"create","Invoice":{"CustomerRef":{"value":"4"},"Line":[{"DetailType":"SalesItemLineDetail",
                     "Amount":10,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"10"}}}]}},
                  {"bId":"4","Query":"select * from Customer where DisplayName = 'Batch Co'"}]}""");

        assertThat(x.status()).isEqualTo(200);
        JsonNode items = x.json().get("BatchItemResponse");
        assertThat(items.get(0).get("bId").asText()).isEqualTo("1");
        assertThat(items.get(0).get("Customer").get("Id").asText()).isEqualTo("4");
        assertThat(items.get(1).get("Fault").get("Error").get(0).get("code").asText()).isEqualTo("6240");
        assertThat(items.get(2).get("Fault").get("Error").get(0).get("code").asText())
                .as("customer 4 was created by an earlier item, which a batch item cannot see").isEqualTo("2500");
        assertThat(items.get(3).get("QueryResponse").isEmpty()).as("nor can a query").isTrue();
        assertThat(fx.sandbox().counts(fx.realmId()).customers()).isEqualTo(4);
    }

    @Test
    void batchUpdatesDeletesAndVoidsApply() {
        JsonNode a = fx.invoice("B-1", "1", "10");
        JsonNode b = fx.invoice("B-2", "1", "10");

        Exchange x = fx.api().post("/batch", """
                {"BatchItemRequest":[
                  {"bId":"1","operation":"update","Invoice":{"Id":"%s","SyncToken":"0","sparse":true,"PrivateNote":"x"}},
                  {"bId":"2","operation":"update","optionsData":"void","Invoice":{"Id":"%s","SyncToken":"0"}}]}"""
                .formatted(a.get("Id").asText(), b.get("Id").asText()));

        assertThat(x.json().get("BatchItemResponse").get(0).get("Invoice").get("PrivateNote").asText()).isEqualTo("x");
        assertThat(fx.sandbox().invoice(fx.realmId(), "B-2").orElseThrow().voided()).isTrue();
    }

    @Test
    void moreThanThirtyItemsIsAValidationFaultOfTheWholeBatch() {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 31; i++) {
            items.append(i > 1 ? "," : "").append("{\"bId\":\"").append(i).append("\",\"Query\":\"select * from Item\"}");
        }

        Exchange x = fx.api().post("/batch", "{\"BatchItemRequest\":[" + items + "]}");

        assertThat(x.status()).isEqualTo(400);
        assertThat(x.json().get("Fault").get("type").asText()).isEqualTo("ValidationFault");
    }

    @Test
    void theSameRequestIdReplaysTheFirstResponseWithoutASecondEffect() {
        String body = QboInvoicesTest.line("\"DocNumber\":\"R-1\",", "100", "10");

        Exchange first = fx.api().post("/invoice?requestid=8a1c6e5e-9a2e-4a59-9d4b-3a3c2f0e0001", body);
        Exchange again = fx.api().post("/invoice?requestid=8a1c6e5e-9a2e-4a59-9d4b-3a3c2f0e0001", body);
        Exchange other = fx.api().post("/invoice?requestid=8a1c6e5e-9a2e-4a59-9d4b-3a3c2f0e0002", body);

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(fx.sandbox().counts(fx.realmId()).invoices()).isEqualTo(1);
        assertThat(error(other).get("code").asText()).as("a new request id is a new request").isEqualTo("6140");
    }

    @Test
    void aBatchWithARequestIdIsAppliedOnce() {
        String body = "{\"BatchItemRequest\":[{\"bId\":\"1\",\"operation\":\"create\",\"Customer\":{\"DisplayName\":\"Once\"}}]}";

        Exchange first = fx.api().post("/batch?requestid=batch-0001", body);
        Exchange again = fx.api().post("/batch?requestid=batch-0001", body);
        Exchange tooLong = fx.api().post("/batch?requestid=" + "x".repeat(37), body);

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.json().get("BatchItemResponse").get(0).has("Customer")).isTrue();
        assertThat(fx.sandbox().counts(fx.realmId()).customers()).isEqualTo(4);
        assertThat(tooLong.status()).isEqualTo(400);
    }
}
