package io.fieldsync.accounting.sandbox.qbo.osgi;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.DemoCompany;
import io.fieldsync.accounting.sandbox.qbo.QboWebhookReceiver;
import io.fieldsync.accounting.sandbox.qbo.control.QboSandboxControl;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.transport.servlet.FakeResponse;
import io.fieldsync.accounting.sandbox.transport.servlet.SandboxServlet;
import io.fieldsync.accounting.sandbox.transport.servlet.ServletClient;
import io.fieldsync.accounting.sandbox.xero.osgi.FakeBundleContext;
import io.fieldsync.accounting.sandbox.xero.osgi.SandboxConfigs;
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

import javax.servlet.Servlet;

import static org.assertj.core.api.Assertions.assertThat;

/** The DS component, constructed as SCR would construct it, with a bundle context that records registrations. */
class QboSandboxComponentTest {

    private static final String BASE = "http://localhost:8181/sandbox/qbo";
    private static final String SERVLET = "javax.servlet.Servlet";
    private static final String CONTROL = QboSandboxControl.class.getName();

    private final FakeBundleContext framework = new FakeBundleContext();
    private QboSandboxComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    @Test
    void theDefaultConfigurationServesEveryUrlUnderSandboxQboOnLocalhost8181() {
        component = new QboSandboxComponent(framework.bundleContext(), configuration(Map.of()));
        FakeBundleContext.Registration servlet = framework.only(SERVLET);
        QboSandboxControl control = (QboSandboxControl) framework.only(CONTROL).service();

        assertThat(servlet.properties())
                .containsEntry("osgi.http.whiteboard.servlet.pattern", "/sandbox/qbo/*")
                .containsEntry("osgi.http.whiteboard.servlet.name", "accounting-sandbox-qbo");
        assertThat(servlet.service()).isInstanceOf(SandboxServlet.class);
        assertThat(control).isSameAs(component.sandbox());
        assertThat(framework.only(CONTROL).properties()).containsEntry("base.url", BASE);
        assertThat(List.of(control.authorizeUrl(), control.tokenUrl(), control.revocationUrl(), control.apiUrl()))
                .containsExactly(BASE + "/connect/oauth2", BASE + "/oauth2/v1/tokens/bearer",
                        BASE + "/v2/oauth2/tokens/revoke", BASE);
        assertThat(control.clientId()).isEqualTo("fieldsync-qbo-demo-client");
        assertThat(control.clientSecret()).isEqualTo("qbo-sandbox-secret-not-a-real-one");
        assertThat(control.verifierToken()).isEqualTo("ZmllbGRzeW5jLXFiby1kZW1vLXZlcmlmaWVyOiBzYW5kYm94IG9ubHk=");
        assertThat(control.realms()).extracting(SandboxRealm::companyName).containsExactly(DemoCompany.NAME);

        ServletClient client = new ServletClient((Servlet) servlet.service(), "/sandbox/qbo");
        FakeResponse consent = client.send(client.request("GET", "/connect/oauth2").query(
                "client_id=fieldsync-qbo-demo-client&response_type=code&scope=com.intuit.quickbooks.accounting&state=x"
                        + "&redirect_uri=" + URLEncoder.encode("http://localhost:8181/accounting/oauth/callback",
                        StandardCharsets.UTF_8)));
        FakeResponse elsewhere = client.send(client.request("GET", "/connect/oauth2").query(
                "client_id=fieldsync-qbo-demo-client&response_type=code&scope=com.intuit.quickbooks.accounting"
                        + "&redirect_uri=" + URLEncoder.encode("http://elsewhere.example/cb", StandardCharsets.UTF_8)));

        assertThat(consent.status()).isEqualTo(302);
        assertThat(consent.header("Location")).endsWith("&realmId=" + control.realms().get(0).realmId());
        assertThat(elsewhere.status()).as("only the configured redirect URI").isEqualTo(400);
    }

    @Test
    void theApiAnswersThroughTheServlet() throws Exception {
        component = new QboSandboxComponent(framework.bundleContext(), configuration(Map.of("webhook_url", "")));
        QboSandboxControl control = component.sandbox();
        String realm = control.realms().get(0).realmId();
        QboTokens tokens = control.connect(realm);
        ServletClient client = new ServletClient((Servlet) framework.only(SERVLET).service(), "/sandbox/qbo");

        FakeResponse response = client.send(client.request("GET", "/v3/company/" + realm + "/query")
                .query("query=" + URLEncoder.encode("select * from Item", StandardCharsets.UTF_8) + "&minorversion=75")
                .header("Authorization", "Bearer " + tokens.accessToken()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("QueryResponse").get("Item")).hasSize(2);
    }

    @Test
    void aConfiguredMountAndBaseUrlMoveThePatternAndEveryUrl() {
        component = new QboSandboxComponent(framework.bundleContext(), configuration(Map.of(
                "mount_path", "demo/qbo/", "base_url", "https://sandbox.example.com/demo/qbo/", "webhook_url", "",
                "seed_demo", false, "clock_speed", 60.0)));
        QboSandboxControl control = (QboSandboxControl) framework.only(CONTROL).service();

        assertThat(framework.only(SERVLET).properties()).containsEntry("osgi.http.whiteboard.servlet.pattern", "/demo/qbo/*");
        assertThat(control.tokenUrl()).isEqualTo("https://sandbox.example.com/demo/qbo/oauth2/v1/tokens/bearer");
        assertThat(control.realms()).isEmpty();
        assertThat(component.sandbox().clock().speed()).isEqualTo(60.0);
        assertThat(WhiteboardServlet.mountPath("/")).isEmpty();
    }

    @Test
    void deactivationWithdrawsTheServletTheControlAndTheSimulator() {
        component = new QboSandboxComponent(framework.bundleContext(), configuration(Map.of("webhook_url", "")));

        component.deactivate();

        assertThat(framework.registrations()).hasSize(3).noneMatch(FakeBundleContext.Registration::active);
        component = null;
    }

    @Test
    void aPaymentEnteredInTheSandboxArrivesAtTheConfiguredReceiverSigned() throws Exception {
        String token = "a-test-verifier-token";
        try (QboWebhookReceiver receiver = new QboWebhookReceiver(token)) {
            component = new QboSandboxComponent(framework.bundleContext(), configuration(Map.of(
                    "webhook_url", receiver.url().toString(), "webhook_verifier_token", token)));
            QboSandboxControl control = component.sandbox();
            String realm = control.realms().get(0).realmId();
            QboTokens tokens = control.connect(realm);
            ServletClient client = new ServletClient((Servlet) framework.only(SERVLET).service(), "/sandbox/qbo");
            FakeResponse created = client.send(client.request("POST", "/v3/company/" + realm + "/invoice")
                    .header("Authorization", "Bearer " + tokens.accessToken())
                    .body("application/json", """
                            {"CustomerRef":{"value":"2"},"DocNumber":"OSGI-1","Line":[{"DetailType":"SalesItemLineDetail",
                             "Amount":100,"SalesItemLineDetail":{"ItemRef":{"value":"2"},"TaxCodeRef":{"value":"10"}}}]}"""));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(control.awaitWebhookPosts(1, Duration.ofSeconds(5))).isTrue();

            control.enterPayment(realm, "OSGI-1", new BigDecimal("110.00"), LocalDate.now());

            assertThat(control.awaitWebhookPosts(2, Duration.ofSeconds(5))).isTrue();
            QboWebhookReceiver.Received last = receiver.received().get(receiver.received().size() - 1);
            assertThat(last.validSignature()).isTrue();
            JsonNode events = SandboxJson.MAPPER.readTree(last.body());
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("type").asText()).isEqualTo("qbo.payment.created.v1");
            assertThat(control.invoice(realm, "OSGI-1").orElseThrow().balance()).isEqualByComparingTo("0");
        }
    }

    private static QboSandboxConfiguration configuration(Map<String, Object> overrides) {
        return (QboSandboxConfiguration) SandboxConfigs.of(QboSandboxConfiguration.class, overrides);
    }

    @Test
    void whileItRunsTheSandboxOffersTheQuickBooksProviderItsEndpointsAndDemoAppAndWithdrawsThemWhenItStops() {
        component = new QboSandboxComponent(framework.bundleContext(), configuration(Map.of("base_url", "http://localhost:8282/sandbox/qbo")));
        FakeBundleContext.Registration simulator = framework.only(VendorSimulator.class.getName());

        assertThat(simulator.properties()).containsEntry(AccountingProvider.PROVIDER_PROPERTY, "quickbooks");
        assertThat(((VendorSimulator) simulator.service()).providerConfiguration())
                .containsEntry("client.id", configuration(Map.of()).client_id())
                .containsEntry("client.secret", configuration(Map.of()).client_secret())
                .containsEntry("webhook.verifier.token", configuration(Map.of()).webhook_verifier_token())
                .containsEntry("redirect.uri", "http://localhost:8181/accounting/oauth/callback")
                .containsEntry("authorize.url", "http://localhost:8282/sandbox/qbo/connect/oauth2")
                .containsEntry("token.url", "http://localhost:8282/sandbox/qbo/oauth2/v1/tokens/bearer")
                .containsEntry("revocation.url", "http://localhost:8282/sandbox/qbo/v2/oauth2/tokens/revoke")
                .containsEntry("api.url", "http://localhost:8282/sandbox/qbo");

        component.deactivate();
        component = null;

        assertThat(simulator.active()).isFalse();
    }
}
