package io.fieldsync.accounting.sandbox.xero.osgi;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.transport.servlet.FakeResponse;
import io.fieldsync.accounting.sandbox.transport.servlet.SandboxServlet;
import io.fieldsync.accounting.sandbox.transport.servlet.ServletClient;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.WebhookReceiver;
import io.fieldsync.accounting.sandbox.xero.control.SandboxTenant;
import io.fieldsync.accounting.sandbox.xero.control.WebhookStatus;
import io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl;
import io.fieldsync.accounting.sandbox.transport.servlet.WhiteboardServlet;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.VendorSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.servlet.Servlet;

import static org.assertj.core.api.Assertions.assertThat;

/** The DS component, constructed as SCR would construct it, with a bundle context that records registrations. */
class XeroSandboxComponentTest {

    private static final String BASE = "http://localhost:8181/sandbox/xero";
    private static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";
    private static final String SERVLET = "javax.servlet.Servlet";
    private static final String CONTROL = XeroSandboxControl.class.getName();

    private final FakeBundleContext framework = new FakeBundleContext();
    private XeroSandboxComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    @Test
    void theDefaultConfigurationServesEveryUrlUnderSandboxXeroOnLocalhost8181() {
        component = new XeroSandboxComponent(framework.bundleContext(), SandboxConfigs.defaults());
        FakeBundleContext.Registration servlet = framework.only(SERVLET);
        XeroSandboxControl control = (XeroSandboxControl) framework.only(CONTROL).service();

        assertThat(servlet.properties())
                .containsEntry("osgi.http.whiteboard.servlet.pattern", "/sandbox/xero/*")
                .containsEntry("osgi.http.whiteboard.servlet.name", "accounting-sandbox-xero");
        assertThat(servlet.service()).isInstanceOf(SandboxServlet.class);
        assertThat(control).as("the sandbox itself is the service").isSameAs(component.sandbox());
        assertThat(framework.only(CONTROL).properties()).containsEntry("base.url", BASE);
        assertThat(control.baseUrl()).isEqualTo(BASE);
        assertThat(List.of(control.authorizeUrl(), control.identityUrl(), control.tokenUrl(), control.apiRootUrl(),
                control.apiUrl())).containsExactly(BASE + "/login/identity/connect/authorize", BASE + "/identity",
                BASE + "/identity/connect/token", BASE, BASE + "/api.xro/2.0");
        assertThat(control.clientId()).isEqualTo("fieldsync-demo");
        assertThat(control.clientSecret()).isEqualTo("fieldsync-demo-secret");
        assertThat(control.tenants()).extracting(SandboxTenant::name).containsExactly(DemoOrganisation.NAME);
        assertThat(control.webhookStatus()).as("configured, intent to receive not yet passed")
                .isEqualTo(WebhookStatus.PENDING_VALIDATION);

        ServletClient client = new ServletClient((Servlet) servlet.service(), "/sandbox/xero");
        ServletClient.Connected connected = client.connect("fieldsync-demo", "fieldsync-demo-secret", REDIRECT);
        FakeResponse discovery = client.send(client.request("GET", "/identity/.well-known/openid-configuration"));
        FakeResponse unregisteredRedirect = client.send(client.request("GET", "/login/identity/connect/authorize")
                .query("response_type=code&client_id=fieldsync-demo&redirect_uri="
                        + URLEncoder.encode("http://elsewhere.example/cb", StandardCharsets.UTF_8)));

        assertThat(ServletClient.claims(connected.accessToken()).get("iss").asText()).isEqualTo(BASE + "/identity");
        assertThat(discovery.json().get("issuer").asText()).isEqualTo(BASE + "/identity");
        assertThat(unregisteredRedirect.status()).as("only the configured redirect URI").isEqualTo(400);
    }

    @Test
    void aConfiguredMountAndBaseUrlMoveThePatternAndEveryUrl() {
        component = new XeroSandboxComponent(framework.bundleContext(), SandboxConfigs.with(Map.of(
                "mount_path", "demo/xero/", "base_url", "https://sandbox.example.com/demo/xero/", "webhook_url", "",
                "seed_demo", false, "redirect_uris", new String[0], "clock_speed", 60.0)));
        XeroSandboxControl control = (XeroSandboxControl) framework.only(CONTROL).service();

        assertThat(framework.only(SERVLET).properties()).containsEntry("osgi.http.whiteboard.servlet.pattern", "/demo/xero/*");
        assertThat(control.baseUrl()).isEqualTo("https://sandbox.example.com/demo/xero");
        assertThat(control.apiUrl()).isEqualTo("https://sandbox.example.com/demo/xero/api.xro/2.0");
        assertThat(control.tenants()).isEmpty();
        assertThat(control.webhookStatus()).isEqualTo(WebhookStatus.NOT_CONFIGURED);
        assertThat(component.sandbox().clock().speed()).isEqualTo(60.0);
        assertThat(WhiteboardServlet.mountPath("/")).as("the whole HTTP space").isEmpty();
    }

    @Test
    void deactivationWithdrawsTheServletTheControlAndTheSimulator() {
        component = new XeroSandboxComponent(framework.bundleContext(), SandboxConfigs.with(Map.of("webhook_url", "")));

        component.deactivate();

        assertThat(framework.registrations()).hasSize(3).noneMatch(FakeBundleContext.Registration::active);
        component = null;
    }

    @Test
    void theReceiverIsCheckedUntilItPassesThenAPaymentEnteredInTheSandboxArrivesAsASignedInvoiceUpdate() throws Exception {
        String key = "a-test-signing-key";
        try (WebhookReceiver receiver = WebhookReceiver.checkingSignaturesWith(key)) {
            component = new XeroSandboxComponent(framework.bundleContext(), SandboxConfigs.with(Map.of(
                    "webhook_url", receiver.url().toString(), "webhook_key", key)));
            XeroSandboxControl control = component.sandbox();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (control.webhookStatus() != WebhookStatus.OK && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(control.webhookStatus()).isEqualTo(WebhookStatus.OK);

            ServletClient client = new ServletClient((Servlet) framework.only(SERVLET).service(), "/sandbox/xero");
            ServletClient.Connected connected = client.connect("fieldsync-demo", "fieldsync-demo-secret", REDIRECT);
            String number = client.putInvoice(connected, "Liam Gallagher").json().get("Invoices").get(0)
                    .get("InvoiceNumber").asText();
            assertThat(control.awaitWebhookEvents(1, Duration.ofSeconds(5))).isTrue();
            control.enterPayment(UUID.fromString(connected.tenantId()), number, new BigDecimal("115.00"),
                    LocalDate.now(), "090");

            assertThat(control.awaitWebhookEvents(2, Duration.ofSeconds(5))).isTrue();
            WebhookReceiver.Received last = receiver.received().get(receiver.received().size() - 1);
            assertThat(last.answered()).as("the receiver checked the signature").isEqualTo(200);
            JsonNode event = SandboxJson.MAPPER.readTree(last.body()).get("events").get(0);
            assertThat(event.get("eventCategory").asText()).isEqualTo("INVOICE");
            assertThat(event.get("eventType").asText()).isEqualTo("UPDATE");
            assertThat(event.get("resourceUrl").asText()).startsWith(BASE + "/api.xro/2.0/Invoices/");
            assertThat(control.invoice(UUID.fromString(connected.tenantId()), number).orElseThrow().status()).isEqualTo("PAID");
        }
    }

    @Test
    void whileItRunsTheSandboxOffersTheXeroProviderItsEndpointsAndDemoAppAndWithdrawsThemWhenItStops() {
        component = new XeroSandboxComponent(framework.bundleContext(), SandboxConfigs.with(Map.of(
                "base_url", "http://localhost:8282/sandbox/xero", "redirect_uris", new String[] {" ", "http://localhost:8282/cb"})));
        FakeBundleContext.Registration simulator = framework.only(VendorSimulator.class.getName());

        assertThat(simulator.properties()).containsEntry(AccountingProvider.PROVIDER_PROPERTY, "xero");
        assertThat(((VendorSimulator) simulator.service()).providerConfiguration())
                .containsEntry("client.id", "fieldsync-demo")
                .containsEntry("client.secret", "fieldsync-demo-secret")
                .containsEntry("webhook.key", SandboxConfigs.defaults().webhook_key())
                .containsEntry("redirect.uri", "http://localhost:8282/cb")
                .containsEntry("authorize.url", "http://localhost:8282/sandbox/xero/login/identity/connect/authorize")
                .containsEntry("identity.url", "http://localhost:8282/sandbox/xero/identity")
                .containsEntry("api.url", "http://localhost:8282/sandbox/xero");

        component.deactivate();
        component = null;

        assertThat(simulator.active()).isFalse();
    }
}
