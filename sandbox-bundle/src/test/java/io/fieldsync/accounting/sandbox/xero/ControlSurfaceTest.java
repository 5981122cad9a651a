package io.fieldsync.accounting.sandbox.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ControlSurfaceTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private final HttpClient http = HttpClient.newHttpClient();

    /** Control calls go around the fixture's recording client: they are no Xero API and have no contract to meet. */
    private HttpResponse<String> control(String method, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(xero.sandbox().baseUrl() + "/_sandbox" + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return SandboxJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private String contact() {
        return xero.org().activeContactNamed("Bayside Club").orElseThrow().id().toString();
    }

    private String authorisedInvoice(String number) {
        return xero.api().put("/Invoices", """
                {"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":"%s"},"Date":"2026-03-02","DueDate":"2026-03-16",
                  "InvoiceNumber":"%s","Status":"AUTHORISED","LineAmountTypes":"Exclusive",
                  "LineItems":[{"Description":"x","Quantity":1,"UnitAmount":100,"AccountCode":"200","TaxType":"OUTPUT2"}]}]}"""
                .formatted(contact(), number)).json().get("Invoices").get(0).get("InvoiceID").asText();
    }

    @Test
    void withoutBeingAskedForTheSandboxServesNoControlSurface() throws Exception {
        assertThat(control("GET", "/ledger").statusCode()).isEqualTo(404);
    }

    @Test
    void theLedgerListsInvoicesPaymentsWithTheirReferenceAndCreditNotesWithTheirAllocations() throws Exception {
        xero.sandbox().serveControlSurface();
        String paid = authorisedInvoice("FS-C1");
        String credited = authorisedInvoice("FS-C2");
        xero.api().put("/Payments", """
                {"Payments":[{"Invoice":{"InvoiceID":"%s"},"Account":{"Code":"090"},"Date":"2026-03-05","Amount":40.00,
                  "Reference":"slip 77"}]}""".formatted(paid));
        String note = xero.api().put("/CreditNotes", """
                {"CreditNotes":[{"Type":"ACCRECCREDIT","Contact":{"ContactID":"%s"},"Date":"2026-03-03","Status":"AUTHORISED",
                  "CreditNoteNumber":"CN-C2","LineAmountTypes":"Exclusive",
                  "LineItems":[{"Description":"x","Quantity":1,"UnitAmount":100,"AccountCode":"200","TaxType":"OUTPUT2"}]}]}"""
                .formatted(contact())).json().get("CreditNotes").get(0).get("CreditNoteID").asText();
        xero.api().put("/CreditNotes/" + note + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + credited + "\"},\"Amount\":115.00,\"Date\":\"2026-03-04\"}]}");

        HttpResponse<String> response = control("GET", "/ledger");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tenant = json(response).get("tenants").get(0);
        assertThat(tenant.get("tenantId").asText()).isEqualTo(xero.org().tenantId().toString());
        JsonNode first = find(tenant.get("invoices"), "number", "FS-C1");
        assertThat(first.get("contact").asText()).isEqualTo("Bayside Club");
        assertThat(first.get("total").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(first.get("amountPaid").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(first.get("status").asText()).isEqualTo("AUTHORISED");
        assertThat(find(tenant.get("invoices"), "number", "FS-C2").get("amountCredited").decimalValue()).isEqualByComparingTo("115.00");
        JsonNode payment = find(tenant.get("payments"), "reference", "slip 77");
        assertThat(payment.get("invoiceNumber").asText()).isEqualTo("FS-C1");
        assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(payment.get("date").asText()).isEqualTo("2026-03-05");
        assertThat(payment.get("status").asText()).isEqualTo("AUTHORISED");
        JsonNode creditNote = find(tenant.get("creditNotes"), "number", "CN-C2");
        assertThat(creditNote.get("total").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(creditNote.get("remainingCredit").decimalValue()).isEqualByComparingTo("0");
        assertThat(creditNote.get("allocations").get(0).get("invoiceNumber").asText()).isEqualTo("FS-C2");
        assertThat(creditNote.get("allocations").get(0).get("amount").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(find(tenant.get("contacts"), "name", "Bayside Club").get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void faultsArmedThroughTheSurfaceReachTheApiAndAreCountedOnceInjected() throws Exception {
        xero.sandbox().serveControlSurface();

        HttpResponse<String> armed = control("POST", "/faults/error-rate?probability=1&seed=7");
        int refused = xero.api().get("/Organisation").status();
        control("POST", "/faults/reset");
        control("POST", "/faults/too-many-requests?calls=1&retryAfterSeconds=3");
        int limited = xero.api().get("/Organisation").status();
        JsonNode report = json(control("GET", "/faults"));

        assertThat(armed.statusCode()).isEqualTo(200);
        assertThat(json(armed).get("done").asText()).isEqualTo("faults/error-rate");
        assertThat(refused).isEqualTo(500);
        assertThat(limited).isEqualTo(429);
        assertThat(report.get("injected").get("serverErrors").asInt()).isEqualTo(1);
        assertThat(report.get("injected").get("tooManyRequests").asInt()).isEqualTo(1);
        assertThat(report.get("injected").get("total").asInt()).isEqualTo(2);
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
    }

    @Test
    void aRevocationThroughTheSurfaceEndsTheAppsAccess() throws Exception {
        xero.sandbox().serveControlSurface();

        control("POST", "/access/revoke");

        assertThat(xero.api().get("/Organisation").status()).isEqualTo(403);
    }

    @Test
    void expiredTokensMeetATokenEndpointOutageArmedThroughTheSurface() throws Exception {
        xero.sandbox().serveControlSurface();

        control("POST", "/access/expire-tokens");
        control("POST", "/faults/token-outage?seconds=60");
        int expired = xero.api().get("/Organisation").status();
        String basic = Base64.getEncoder().encodeToString((xero.sandbox().config().clientId() + ":"
                + xero.sandbox().config().clientSecret()).getBytes(StandardCharsets.UTF_8));
        int refresh = xero.api().to("POST", xero.sandbox().tokenUrl()).header("Authorization", "Basic " + basic)
                .form("grant_type=refresh_token&refresh_token=" + URLEncoder.encode(xero.tokens().refreshToken(), StandardCharsets.UTF_8))
                .send().status();

        assertThat(expired).isEqualTo(401);
        assertThat(refresh).isEqualTo(503);
        assertThat(json(control("GET", "/faults")).get("injected").get("tokenEndpointRefusals").asInt()).isEqualTo(1);
    }

    @Test
    void aBadParameterAWrongMethodAndAnUnknownActionAreNamedInTheAnswer() throws Exception {
        xero.sandbox().serveControlSurface();

        HttpResponse<String> bad = control("POST", "/faults/error-rate?probability=lots");
        HttpResponse<String> missing = control("POST", "/faults/drop-after-apply");
        HttpResponse<String> wrongMethod = control("GET", "/access/revoke");
        HttpResponse<String> unknown = control("POST", "/faults/meteor-strike");
        JsonNode index = json(control("GET", ""));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).contains("probability");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").asText()).contains("writes");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(index.get("actions").has("GET /_sandbox/ledger")).isTrue();
        assertThat(index.get("note").asText()).contains("not part of any vendor API");
        assertThat(xero.api().get("/Organisation").status()).as("nothing was armed by the refused calls").isEqualTo(200);
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
