package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.testing.RecordingProxy;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.ContractCheck;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * The Xero provider against a Xero sandbox through a recording proxy: every exchange recorded and checked
 * against Xero's OpenAPI contract after each test. The provider reads the sandbox's clock, so tests live on
 * the sandbox's day whatever today is.
 */
abstract class XeroSandboxTestBase {

    static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";
    static final CompanyId ACME = CompanyId.of("acme");
    static final Currency NZD = Currency.getInstance("NZD");
    static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    SandboxClock clock;
    XeroSandbox sandbox;
    Organisation demo;
    RecordingProxy proxy;
    XeroProvider provider;
    TestSession session;

    @BeforeEach
    void connect() throws Exception {
        clock = SandboxClock.startingAt(Instant.parse("2026-11-02T09:00:00Z"));
        sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient("fs-client", "fs-secret")
                .withRedirectUris(List.of(REDIRECT)), clock).start(0);
        demo = DemoOrganisation.create(sandbox);
        proxy = new RecordingProxy(sandbox.baseUrl());
        String base = proxy.baseUrl();
        provider = new XeroProvider(new XeroSettings("fs-client", "fs-secret", REDIRECT, "webhook-key",
                XeroConfiguration.GRANULAR_SCOPES, base + "/login/identity/connect/authorize", base + "/identity", base,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), clock);
        AuthorizationGrant grant = provider.authorization().exchangeCode(consent(provider.authorization().authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));
        session = new TestSession(provider, grant.tokens(), grant.organisations().get(0).tenantId(), mappings());
    }

    @AfterEach
    void contractHolds() {
        List<String> violations = ContractCheck.ifEnabled().map(check -> check.violations(proxy.exchanges)).orElse(List.of());
        proxy.close();
        sandbox.stop();
        assertThat(violations).as("requests and responses that break Xero's OpenAPI contract").isEmpty();
    }

    // ---- helpers

    Map<String, String> consent(URI authorizationUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        URI back = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(parameters).containsEntry("state", "state-1");
        return parameters;
    }

    static Mappings mappings() {
        return new Mappings(Map.of(ProductCategory.LABOUR, "200", ProductCategory.MATERIALS, "260"), Map.of(),
                Map.of("GST", "OUTPUT2"), null, "820", "090", Map.of(PaymentMethod.CARD, "615"));
    }

    String contactId(String name) {
        return demo.activeContactNamed(name).orElseThrow().id().toString();
    }

    static IdempotencyKey key(String what) {
        return IdempotencyKey.derive("test", what);
    }

    static CustomerPush customerPush(Customer customer) {
        return new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, customer.hostId()), key(customer.hostId()), customer, null);
    }

    static Invoice invoice(String hostId, String number, String labourCategory) {
        return invoice(hostId, number, labourCategory, "2");
    }

    /** Labour hours at 85.00 plus 4 × 12.50 materials, GST 15% on top: 2 h → 220.00 + 33.00 tax = 253.00. */
    static Invoice invoice(String hostId, String number, String labourCategory, String hours) {
        Customer customer = new Customer("C-B", "Bayside Club", "secretary@bayside.example", null, null);
        return new Invoice(hostId, number, customer, DAY, DAY.plusDays(20), NZD, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Labour", new BigDecimal(hours), new BigDecimal("85.00"), labourCategory, List.of("GST")),
                InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                "JOB-" + hostId);
    }

    InvoicePush invoicePush(Invoice invoice, String contactId) {
        return invoicePush(session, invoice, contactId);
    }

    /** An invoice push booked with {@code on}'s mappings and settings. */
    static InvoicePush invoicePush(TestSession on, Invoice invoice, String contactId) {
        return on.invoicePush(DocumentRef.invoice(ACME, invoice.hostId()), key(invoice.hostId() + invoice.linesTotal()), invoice,
                contactId, null, false);
    }

    static PaymentPush paymentPush(String hostId, String invoiceId, String amount, PaymentMethod method, String account) {
        Payment payment = new Payment(hostId, "I-1", new BigDecimal(amount), DAY.plusDays(3), method, "ref-" + hostId, NZD, null);
        return new PaymentPush(DocumentRef.payment(ACME, hostId), key(hostId), payment, invoiceId, "contact", account, false);
    }
}
