package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QboControlSurfaceTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> control(String method, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fx.sandbox().baseUrl() + "/_sandbox" + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return SandboxJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutBeingAskedForTheSandboxServesNoControlSurface() throws Exception {
        assertThat(control("GET", "/ledger").statusCode()).isEqualTo(404);
    }

    @Test
    void theLedgerListsDocumentsWithTheirPrivateNotesAndPaymentsWithTheirLinks() throws Exception {
        fx.sandbox().serveControlSurface();
        JsonNode invoice = fx.invoice("FS-C1", "1", "100");
        JsonNode memo = fx.api().post("/creditmemo", """
                {"CustomerRef":{"value":"1"},"PrivateNote":"[fieldsync:CREDIT_NOTE:CN-1]","Line":[{"DetailType":"SalesItemLineDetail",
                 "Amount":20,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"10"}}}]}""").json().get("CreditMemo");
        fx.api().post("/payment", """
                {"CustomerRef":{"value":"1"},"TotalAmt":30.00,"TxnDate":"2026-03-04","PrivateNote":"[fieldsync:PAYMENT:P-1]",
                 "Line":[{"Amount":30.00,"LinkedTxn":[{"TxnId":"%s","TxnType":"Invoice"}]}]}""".formatted(invoice.get("Id").asText()));

        HttpResponse<String> response = control("GET", "/ledger");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode company = json(response).get("companies").get(0);
        assertThat(company.get("realmId").asText()).isEqualTo(fx.realmId());
        JsonNode inv = find(company.get("invoices"), "docNumber", "FS-C1");
        assertThat(inv.get("totalAmt").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(inv.get("balance").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(inv.get("voided").asBoolean()).isFalse();
        JsonNode payment = find(company.get("payments"), "privateNote", "[fieldsync:PAYMENT:P-1]");
        assertThat(payment.get("totalAmt").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(payment.get("txnDate").asText()).isEqualTo("2026-03-04");
        assertThat(payment.get("deleted").asBoolean()).isFalse();
        assertThat(payment.get("lines").get(0).get("linked").get(0).get("txnId").asText()).isEqualTo(invoice.get("Id").asText());
        assertThat(payment.get("lines").get(0).get("linked").get(0).get("txnType").asText()).isEqualTo("Invoice");
        JsonNode credit = find(company.get("creditMemos"), "id", memo.get("Id").asText());
        assertThat(credit.get("privateNote").asText()).isEqualTo("[fieldsync:CREDIT_NOTE:CN-1]");
        assertThat(credit.get("totalAmt").decimalValue()).isEqualByComparingTo("22.00");
        assertThat(credit.get("remainingCredit").decimalValue()).isEqualByComparingTo("22.00");
    }

    @Test
    void aDeletedPaymentStaysInTheLedgerMarkedDeleted() throws Exception {
        fx.sandbox().serveControlSurface();
        JsonNode invoice = fx.invoice("FS-C2", "1", "100");
        String id = fx.api().post("/payment", QboPaymentsTest.payment("50.00", "50.00", invoice.get("Id").asText()))
                .json().get("Payment").get("Id").asText();
        fx.api().post("/payment?operation=delete", "{\"Id\":\"" + id + "\",\"SyncToken\":\"0\"}");

        JsonNode payment = find(json(control("GET", "/ledger")).get("companies").get(0).get("payments"), "id", id);

        assertThat(payment.get("deleted").asBoolean()).isTrue();
    }

    @Test
    void faultsArmedThroughTheSurfaceReachTheApiAndARevocationEndsAccess() throws Exception {
        fx.sandbox().serveControlSurface();

        control("POST", "/faults/fail-next?calls=1&status=503");
        int failed = fx.api().get("/customer/1").status();
        control("POST", "/faults/drop-after-apply?writes=0");
        control("POST", "/access/revoke");
        int revoked = fx.api().get("/customer/1").status();
        JsonNode report = json(control("GET", "/faults"));

        assertThat(failed).isEqualTo(503);
        assertThat(revoked).isEqualTo(403);
        assertThat(report.get("vendor").asText()).isEqualTo("qbo");
        assertThat(report.get("injected").get("forcedFailures").asInt()).isEqualTo(1);
        assertThat(report.get("injected").get("total").asInt()).isEqualTo(1);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asText(null))) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
