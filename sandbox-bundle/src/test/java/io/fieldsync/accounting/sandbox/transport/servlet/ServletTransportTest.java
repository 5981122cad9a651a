package io.fieldsync.accounting.sandbox.transport.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.control.InvoiceSnapshot;
import io.fieldsync.accounting.sandbox.xero.identity.TokenSet;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox behind {@link SandboxServlet}, driven the way a servlet container drives it, with no container. */
class ServletTransportTest {

    private static final String BASE = "http://localhost:8181/sandbox/xero";
    private static final String MOUNT = "/sandbox/xero";
    private static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";

    private XeroSandbox sandbox;
    private Organisation org;
    private ServletClient client;

    @BeforeEach
    void mountTheSandboxBehindAServlet() {
        sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient("fs-client", "fs-secret")
                .withRedirectUris(List.of(REDIRECT)), SandboxClock.frozenAt(Instant.parse("2026-03-02T09:00:00Z")))
                .mount(BASE + "/");
        org = DemoOrganisation.create(sandbox);
        client = new ServletClient(new SandboxServlet(sandbox::serve), MOUNT);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void anAuthorizationCodeBecomesTokensAndAnInvoicePutLandsInTheLedger() {
        ServletClient.Connected connected = client.connect("fs-client", "fs-secret", REDIRECT);

        assertThat(connected.tenantId()).isEqualTo(org.tenantId().toString());
        assertThat(connected.tokenResponse().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(connected.refreshToken()).isNotBlank();
        assertThat(ServletClient.claims(connected.accessToken()).get("iss").asText())
                .as("the issuer is the mount as clients see it").isEqualTo(BASE + "/identity");

        FakeResponse put = client.putInvoice(connected, "Liam Gallagher");

        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.header("Content-Type")).startsWith("application/json");
        assertThat(put.contentLength()).isEqualTo(put.bodyBytes().length);
        assertThat(put.header("X-DayLimit-Remaining")).isNotNull();
        JsonNode invoice = put.json().get("Invoices").get(0);
        assertThat(invoice.get("InvoiceNumber").asText()).isEqualTo("INV-0001");
        assertThat(invoice.get("Status").asText()).isEqualTo("AUTHORISED");
        assertThat(invoice.get("Total").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(sandbox.counts(org.tenantId()).invoices()).isEqualTo(1);
        assertThat(sandbox.invoice(org.tenantId(), "INV-0001")).get()
                .extracting(InvoiceSnapshot::contactName, InvoiceSnapshot::amountDue)
                .containsExactly("Liam Gallagher", new BigDecimal("115.00"));
    }

    @Test
    void aReadFindsByAnEncodedNumberInThePathAndRedirectsStayUnderTheBaseUrl() {
        ServletClient.Connected connected = client.connect("fs-client", "fs-secret", REDIRECT);
        client.putInvoice(connected, "Liam Gallagher");

        FakeResponse byNumber = client.send(client.request("GET", "/api.xro/2.0/Invoices/INV%2D0001")
                .header("Authorization", "Bearer " + connected.accessToken())
                .header("xero-tenant-id", connected.tenantId()));
        FakeResponse discovery = client.send(client.request("GET", "/identity/.well-known/openid-configuration"));
        FakeResponse unknown = client.send(client.request("GET", "/nowhere"));

        assertThat(byNumber.status()).as("%s", byNumber).isEqualTo(200);
        assertThat(byNumber.json().get("Invoices").get(0).get("InvoiceNumber").asText()).isEqualTo("INV-0001");
        assertThat(discovery.json().get("token_endpoint").asText()).isEqualTo(BASE + "/identity/connect/token");
        assertThat(discovery.json().get("authorization_endpoint").asText())
                .isEqualTo(BASE + "/login/identity/connect/authorize");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aDroppedConnectionCommitsHeadersThatPromiseABodyThatNeverComes() {
        TokenSet tokens = sandbox.connect(org);
        sandbox.dropConnectionAfterApply(1);

        FakeResponse dropped = client.putInvoice(
                new ServletClient.Connected(tokens.accessToken(), tokens.refreshToken(), org.tenantId().toString(), null),
                "Liam Gallagher");

        assertThat(dropped.committed()).isTrue();
        assertThat(dropped.status()).as("the write was applied").isEqualTo(200);
        assertThat(dropped.header("Connection")).isEqualTo("close");
        assertThat(dropped.contentLength()).isEqualTo(ServletCallTransport.PROMISED_BODY_BYTES);
        assertThat(dropped.bodyBytes()).as("a container must abort a response shorter than its Content-Length").isEmpty();
        assertThat(dropped.header("Xero-Correlation-Id")).as("nothing of the real answer leaks").isNull();
        assertThat(sandbox.counts(org.tenantId()).invoices()).isEqualTo(1);
    }
}
