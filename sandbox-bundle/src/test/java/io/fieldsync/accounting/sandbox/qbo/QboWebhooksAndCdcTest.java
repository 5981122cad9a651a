package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QboWebhooksAndCdcTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void aBurstOfChangesArrivesAsOneSignedCloudEventsDelivery() throws Exception {
        try (QboWebhookReceiver receiver = new QboWebhookReceiver(fx.sandbox().verifierToken())) {
            assertThat(fx.sandbox().configureWebhooks(receiver.url(), fx.sandbox().verifierToken())).isTrue();

            JsonNode invoice = fx.invoice("W-1", "1", "100");
            fx.api().post("/payment", QboPaymentsTest.payment("110.00", "110.00", invoice.get("Id").asText()));

            assertThat(fx.sandbox().awaitWebhookPosts(1, Duration.ofSeconds(5))).isTrue();
            QboWebhookReceiver.Received delivery = receiver.received().get(0);
            assertThat(delivery.validSignature()).isTrue();
            assertThat(delivery.contentType()).isEqualTo("application/cloudevents+json");
            JsonNode events = SandboxJson.MAPPER.readTree(delivery.body());
            assertThat(types(events)).containsExactly("qbo.invoice.created.v1", "qbo.payment.created.v1");
            JsonNode first = events.get(0);
            assertThat(first.get("specversion").asText()).isEqualTo("1.0");
            assertThat(first.get("intuitentityid").asText()).isEqualTo(invoice.get("Id").asText());
            assertThat(first.get("intuitaccountid").asText()).isEqualTo(fx.realmId());
            assertThat(first.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(first.get("id").asText()).isNotBlank();
        }
    }

    @Test
    void enterPaymentIsReportedAsPaymentCreatedOnlyWhileTheInvoiceItPaysIsRestampedForCdc() throws Exception {
        fx.invoice("W-2", "1", "100");
        try (QboWebhookReceiver receiver = new QboWebhookReceiver("another-token")) {
            fx.sandbox().configureWebhooks(receiver.url(), "another-token");

            fx.sandbox().enterPayment(fx.realmId(), "W-2", new BigDecimal("50"), LocalDate.of(2026, 3, 2));

            assertThat(fx.sandbox().awaitWebhookPosts(1, Duration.ofSeconds(5))).isTrue();
            assertThat(types(SandboxJson.MAPPER.readTree(receiver.received().get(0).body())))
                    .containsExactly("qbo.payment.created.v1");
            assertThat(receiver.received().get(0).validSignature()).isTrue();
            JsonNode invoice = fx.api().query("select * from Invoice where DocNumber = 'W-2'").json().get("QueryResponse").get("Invoice").get(0);
            assertThat(invoice.get("SyncToken").asText()).isEqualTo("1");
            assertThat(invoice.get("Balance").decimalValue()).isEqualByComparingTo("60.00");
        }
    }

    @Test
    void renamingACustomerIsReportedAsCustomerUpdatedAndADuplicateNameIsRefused() throws Exception {
        try (QboWebhookReceiver receiver = new QboWebhookReceiver(fx.sandbox().verifierToken())) {
            fx.sandbox().configureWebhooks(receiver.url(), fx.sandbox().verifierToken());

            String id = fx.sandbox().renameCustomer(fx.realmId(), "Liam Gallagher", "Liam Gallagher Plumbing");

            assertThat(fx.sandbox().awaitWebhookPosts(1, Duration.ofSeconds(5))).isTrue();
            JsonNode events = SandboxJson.MAPPER.readTree(receiver.received().get(0).body());
            assertThat(types(events)).containsExactly("qbo.customer.updated.v1");
            assertThat(events.get(0).get("intuitentityid").asText()).isEqualTo(id);
            assertThatThrownBy(() -> fx.sandbox().renameCustomer(fx.realmId(), "Northside Electrical", "Liam Gallagher Plumbing"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Liam Gallagher Plumbing");
        }
    }

    @Test
    void aDeliveryCarriesAtMostOneHundredEvents() throws Exception {
        try (QboWebhookReceiver receiver = new QboWebhookReceiver(fx.sandbox().verifierToken())) {
            fx.sandbox().configureWebhooks(receiver.url(), fx.sandbox().verifierToken());
            StringBuilder items = new StringBuilder();
            for (int i = 1; i <= 30; i++) {
                items.append(i > 1 ? "," : "").append("{\"bId\":\"").append(i)
                        .append("\",\"operation\":\"create\",\"Customer\":{\"DisplayName\":\"BATCH-").append(i).append("\"}}");
            }
            for (int batch = 0; batch < 4; batch++) {
                fx.api().post("/batch", "{\"BatchItemRequest\":[" + items.toString().replace("BATCH-", "Customer " + batch + "-") + "]}");
            }

            assertThat(fx.sandbox().awaitWebhookPosts(2, Duration.ofSeconds(5))).isTrue();
            Thread.sleep(300);
            assertThat(fx.sandbox().webhookPosts()).allMatch(p -> p.events() <= 100);
            assertThat(fx.sandbox().webhookPosts().stream().mapToInt(p -> p.events()).sum()).isEqualTo(120);
        }
    }

    @Test
    void cdcReturnsWhatChangedSinceIncludingDeletions() {
        fx.invoice("C-1", "1", "100");
        fx.clock().advance(Duration.ofMinutes(50));
        JsonNode second = fx.invoice("C-2", "1", "100");
        fx.api().post("/invoice?operation=delete", "{\"Id\":\"" + second.get("Id").asText() + "\",\"SyncToken\":\"0\"}");
        fx.api().post("/customer", "{\"DisplayName\":\"CDC Co\"}");

        Exchange x = fx.api().get("/cdc?entities=Invoice,Customer,Payment&changedSince=2026-03-02T01:30:00-08:00");

        JsonNode responses = x.json().get("CDCResponse").get(0).get("QueryResponse");
        assertThat(responses).hasSize(3);
        JsonNode invoices = responses.get(0).get("Invoice");
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).get("status").asText()).isEqualTo("Deleted");
        assertThat(responses.get(1).get("Customer").get(0).get("DisplayName").asText()).isEqualTo("CDC Co");
        assertThat(responses.get(2).isEmpty()).isTrue();
        assertThat(fx.api().get("/cdc?entities=Invoice&changedSince=2026-01-01T00:00:00Z").status())
                .as("more than 30 days back").isEqualTo(400);
    }

    @Test
    void aCdcResponseHoldsAtMostOneThousandObjectsOfAllEntitiesTogetherOldestFirst() {
        for (int batch = 0; batch < 34; batch++) {
            StringBuilder items = new StringBuilder();
            for (int i = 1; i <= 30; i++) {
                items.append(i > 1 ? "," : "").append("{\"bId\":\"").append(i).append("\",\"operation\":\"create\",\"Customer\":")
                        .append("{\"DisplayName\":\"Cap ").append(batch).append('-').append(i).append("\"}}");
            }
            assertThat(fx.api().post("/batch", "{\"BatchItemRequest\":[" + items + "]}").status()).isEqualTo(200);
            fx.clock().advance(Duration.ofSeconds(10));
        }
        fx.invoice("CAP-1", "1", "100");

        JsonNode responses = fx.api().get("/cdc?entities=Customer,Invoice&changedSince=2026-03-02T00:00:00-08:00").json()
                .get("CDCResponse").get(0).get("QueryResponse");

        assertThat(responses.get(0).get("Customer")).as("1,020 new customers besides the 3 seeded: the cap").hasSize(1000);
        assertThat(responses.get(0).get("Customer").get(999).get("DisplayName").asText()).isNotEqualTo("Cap 33-30");
        assertThat(responses.get(1).isEmpty()).as("the invoice changed last is left out").isTrue();
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("type").asText()));
        return out;
    }
}
