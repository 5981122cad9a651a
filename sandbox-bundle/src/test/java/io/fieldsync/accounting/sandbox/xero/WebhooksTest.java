package io.fieldsync.accounting.sandbox.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.control.PaymentSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.WebhookPost;
import io.fieldsync.accounting.sandbox.xero.control.WebhookStatus;
import io.fieldsync.accounting.sandbox.xero.webhooks.IntentToReceiveReport;
import io.fieldsync.accounting.sandbox.xero.webhooks.WebhookDelivery;
import io.fieldsync.accounting.sandbox.xero.webhooks.WebhookSignature;
import io.fieldsync.accounting.sandbox.xero.webhooks.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhooksTest {

    private static final String KEY = "Kx9v2l0OcYRV6dpt9G2wS4Qc4yqv5X9cM9xZ9Xq1bG0bQm7t3NxwZQ==";

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private String createInvoice() {
        String contact = xero.org().activeContactNamed("Liam Gallagher").orElseThrow().id().toString();
        return xero.api().put("/Invoices", """
                {"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":"%s"},"Date":"2026-03-02","DueDate":"2026-03-16",
                  "Status":"AUTHORISED","LineItems":[{"Description":"x","Quantity":1,"UnitAmount":10,"AccountCode":"200"}]}]}"""
                .formatted(contact)).json().get("Invoices").get(0).get("InvoiceID").asText();
    }

    @Test
    void anEndpointThatChecksSignaturesPassesIntentToReceive() {
        try (WebhookReceiver receiver = WebhookReceiver.checkingSignaturesWith(KEY)) {
            IntentToReceiveReport report = xero.sandbox().webhooks().configure(receiver.url(), KEY).validateEndpoint();

            assertThat(report.passed()).isTrue();
            assertThat(report.attempts()).extracting(WebhookDelivery::correctlySigned).containsExactly(true, false, false, true);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::answered).containsExactly(200, 401, 401, 200);
            JsonNode payload = json(receiver.received().get(0).body());
            assertThat(payload.get("events")).isEmpty();
            assertThat(payload.get("firstEventSequence").asInt()).isZero();
            assertThat(payload.get("lastEventSequence").asInt()).isZero();
            assertThat(payload.get("entropy").asText()).matches("[A-Z]{20}");
            assertThat(xero.sandbox().webhooks().status()).isEqualTo(Webhooks.Status.OK);
        }
    }

    @Test
    void anEndpointThatAcceptsEverythingFailsIntentToReceiveAndGetsNoEvents() throws InterruptedException {
        try (WebhookReceiver receiver = WebhookReceiver.acceptingEverything()) {
            IntentToReceiveReport report = xero.sandbox().webhooks().configure(receiver.url(), KEY).validateEndpoint();
            createInvoice();

            assertThat(report.passed()).isFalse();
            assertThat(report.attempts()).filteredOn(a -> !a.correctlySigned())
                    .allSatisfy(a -> assertThat(a.answeredAsXeroExpects()).isFalse());
            assertThat(xero.sandbox().webhooks().status()).isEqualTo(Webhooks.Status.FAILED_VALIDATION);
            assertThat(xero.sandbox().webhooks().awaitEventDeliveries(1, Duration.ofMillis(300))).isFalse();
        }
    }

    @Test
    void invoiceChangesArriveSignedWithTheKeyAndThinEventsThatPointBackAtTheSandbox() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.checkingSignaturesWith(KEY)) {
            xero.sandbox().webhooks().configure(receiver.url(), KEY).validateEndpoint();

            String invoiceId = createInvoice();
            assertThat(xero.sandbox().webhooks().awaitEventDeliveries(1, Duration.ofSeconds(5))).isTrue();
            xero.api().put("/Payments", """
                    {"Payments":[{"Invoice":{"InvoiceID":"%s"},"Account":{"Code":"090"},"Date":"2026-03-03","Amount":11.5}]}"""
                    .formatted(invoiceId));
            assertThat(xero.sandbox().webhooks().awaitEventDeliveries(2, Duration.ofSeconds(5))).isTrue();

            List<WebhookReceiver.Received> events = receiver.received().subList(4, receiver.received().size());
            assertThat(events).allSatisfy(r -> {
                assertThat(r.answered()).isEqualTo(200);
                assertThat(r.signature()).isEqualTo(WebhookSignature.sign(KEY, r.body().getBytes(StandardCharsets.UTF_8)));
            });
            JsonNode created = json(events.get(0).body());
            JsonNode event = created.get("events").get(0);
            assertThat(event.get("eventCategory").asText()).isEqualTo("INVOICE");
            assertThat(event.get("eventType").asText()).isEqualTo("CREATE");
            assertThat(event.get("resourceId").asText()).isEqualTo(invoiceId);
            assertThat(event.get("resourceUrl").asText()).isEqualTo(xero.sandbox().apiUrl() + "/Invoices/" + invoiceId);
            assertThat(event.get("tenantId").asText()).isEqualTo(xero.org().tenantId().toString());
            assertThat(event.get("tenantType").asText()).isEqualTo("ORGANISATION");
            assertThat(event.get("eventDateUtc").asText()).isEqualTo("2026-03-02T09:00:00.000");
            assertThat(created.get("firstEventSequence").asInt()).isEqualTo(1);
            JsonNode paid = json(events.get(events.size() - 1).body()).get("events");
            assertThat(paid.get(paid.size() - 1).get("eventType").asText()).isEqualTo("UPDATE");
        }
    }

    @Test
    void aPaymentEnteredDirectlyInTheSandboxReachesTheReceiverAsASignedInvoiceUpdate() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.checkingSignaturesWith(KEY)) {
            assertThat(xero.sandbox().configureWebhooks(receiver.url(), KEY)).isTrue();
            assertThat(xero.sandbox().webhookStatus()).isEqualTo(WebhookStatus.OK);
            String invoiceId = createInvoice();
            assertThat(xero.sandbox().awaitWebhookEvents(1, Duration.ofSeconds(5))).isTrue();
            String number = xero.sandbox().invoices(xero.org().tenantId()).get(0).number();

            PaymentSnapshot payment = xero.sandbox().enterPayment(xero.org().tenantId(), number, new BigDecimal("11.50"),
                    LocalDate.parse("2026-03-03"), "090");

            assertThat(xero.sandbox().awaitWebhookEvents(2, Duration.ofSeconds(5))).isTrue();
            assertThat(payment.invoiceId().toString()).isEqualTo(invoiceId);
            WebhookReceiver.Received last = receiver.received().get(receiver.received().size() - 1);
            assertThat(last.answered()).isEqualTo(200);
            assertThat(last.signature()).isEqualTo(WebhookSignature.sign(KEY, last.body().getBytes(StandardCharsets.UTF_8)));
            JsonNode event = json(last.body()).get("events").get(0);
            assertThat(event.get("eventCategory").asText()).isEqualTo("INVOICE");
            assertThat(event.get("eventType").asText()).isEqualTo("UPDATE");
            assertThat(event.get("resourceId").asText()).isEqualTo(invoiceId);
            assertThat(xero.sandbox().webhookPosts()).extracting(WebhookPost::intentToReceive)
                    .containsExactly(true, true, true, true, false, false);
            assertThat(xero.sandbox().webhookPosts()).last().extracting(WebhookPost::status).isEqualTo(200);
        }
    }

    @Test
    void creditNoteEventsCarryTheirTypeAndStatus() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.checkingSignaturesWith(KEY)) {
            xero.sandbox().webhooks().configure(receiver.url(), KEY).validateEndpoint();
            String contact = xero.org().activeContactNamed("Liam Gallagher").orElseThrow().id().toString();

            xero.api().put("/CreditNotes", """
                    {"CreditNotes":[{"Type":"ACCRECCREDIT","Contact":{"ContactID":"%s"},"Date":"2026-03-02","Status":"AUTHORISED",
                      "LineItems":[{"Description":"x","Quantity":1,"UnitAmount":10,"AccountCode":"200"}]}]}""".formatted(contact));

            assertThat(xero.sandbox().webhooks().awaitEventDeliveries(1, Duration.ofSeconds(5))).isTrue();
            JsonNode event = json(receiver.received().get(4).body()).get("events").get(0);
            assertThat(event.get("eventCategory").asText()).isEqualTo("CREDITNOTE");
            assertThat(event.get("data").get("Type").asText()).isEqualTo("ACCRECCREDIT");
            assertThat(event.get("data").get("Status").asText()).isEqualTo("AUTHORISED");
        }
    }

    private static JsonNode json(String body) {
        try {
            return SandboxJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
