package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

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

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.contract.QboContractCheck;
import io.fieldsync.accounting.sandbox.qbo.control.QboInvoiceSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.testing.RecordingProxy;

/**
 * The provider against the QBO sandbox, every exchange recorded by a proxy so that the tests can count the HTTP
 * calls each operation takes and check what was sent against Intuit's XSDs (after every test).
 */
abstract class QboSandboxTestBase {

    static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";
    static final CompanyId ACME = CompanyId.of("acme");
    static final Currency AUD = Currency.getInstance("AUD");
    static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    static final String COMPANY = "Acme Plumbing (AU)";

    /** The sandbox's clock, which the provider reads too: both live on the test's day, whatever today is. */
    SandboxClock clock;
    QboSandbox sandbox;
    SandboxRealm realm;
    RecordingProxy proxy;
    QuickBooksProvider provider;
    TestSession session;

    @BeforeEach
    void connect() throws Exception {
        clock = SandboxClock.startingAt(Instant.parse("2026-11-02T09:00:00Z"));
        sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient("fs-client", "fs-secret").withRedirectUris(List.of(REDIRECT)), clock)
                .start(0);
        realm = sandbox.seedDemoCompany(COMPANY);
        proxy = new RecordingProxy(sandbox.baseUrl());
        provider = provider(Duration.ofSeconds(5));
        AuthorizationGrant grant = provider.authorization().exchangeCode(consent(provider.authorization().authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));
        session = new TestSession(provider, grant.tokens(), grant.organisations().get(0).tenantId(), mappings());
        proxy.exchanges.clear();
    }

    @AfterEach
    void contractHolds() {
        List<String> violations = contractViolations(proxy.exchanges);
        provider.deactivate();
        proxy.close();
        sandbox.close();
        assertThat(violations).as("requests and responses that break Intuit's XSD contract").isEmpty();
    }

    /** The one place where Intuit's contract is checked: the sandbox test-jar's XSD check, on when qbo.xsd.dir is set. */
    static List<String> contractViolations(List<Exchange> exchanges) {
        return QboContractCheck.ifEnabled().map(check -> check.violations(exchanges)).orElse(List.of());
    }

    QuickBooksProvider provider(Duration readTimeout) {
        return new QuickBooksProvider(settings(readTimeout), clock);
    }

    QuickBooksSettings settings(Duration readTimeout) {
        String base = proxy.baseUrl();
        return new QuickBooksSettings("fs-client", "fs-secret", REDIRECT, sandbox.verifierToken(),
                QuickBooksConfiguration.ACCOUNTING_SCOPE, base + "/connect/oauth2", base + "/oauth2/v1/tokens/bearer",
                base + "/v2/oauth2/tokens/revoke", base, 75, Duration.ofSeconds(5), readTimeout);
    }

    // ---- helpers

    List<Exchange> apiCalls() {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().startsWith("/v3/company/")).toList();
    }

    List<Exchange> exchangesTo(String pathEnd) {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().endsWith(pathEnd)).toList();
    }

    static String requestId(Exchange exchange) {
        for (String pair : exchange.uri().getRawQuery().split("&")) {
            if (pair.startsWith("requestid=")) {
                return pair.substring("requestid=".length());
            }
        }
        return "";
    }

    BigDecimal balance(String docNumber) {
        return sandbox.invoice(realm.realmId(), docNumber).map(QboInvoiceSnapshot::balance).orElseThrow();
    }

    static Map<String, String> consent(URI authorizationUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        URI back = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(parameters).containsEntry("state", "state-1").containsKey("realmId");
        return parameters;
    }

    void deactivateCustomer(String id) throws Exception {
        String base = sandbox.apiUrl() + "/v3/company/" + realm.realmId();
        HttpClient client = HttpClient.newHttpClient();
        String read = client.send(HttpRequest.newBuilder(URI.create(base + "/customer/" + id + "?minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String syncToken = QuickBooksApi.JSON.readTree(read).path("Customer").path("SyncToken").asText();
        HttpResponse<String> update = client.send(HttpRequest.newBuilder(URI.create(base + "/customer?minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"" + id + "\",\"SyncToken\":\"" + syncToken
                        + "\",\"sparse\":true,\"Active\":false}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    }

    /** Deletes a payment as someone in QuickBooks would. */
    void deletePayment(String id, String syncToken) throws Exception {
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/v3/company/"
                        + realm.realmId() + "/payment?operation=delete&minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"" + id + "\",\"SyncToken\":\"" + syncToken + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }

    static Mappings mappings() {
        return new Mappings(Map.of(ProductCategory.LABOUR, "4100", ProductCategory.MATERIALS, "4200"), Map.of(),
                Map.of("GST", "10"), null, null, "1250", Map.of(PaymentMethod.CARD, "1100"));
    }

    String customerId(String name) {
        return provider.ledger().contacts(session, 1).contacts().stream().filter(contact -> contact.name().equals(name)).findFirst().orElseThrow().remoteId();
    }

    static IdempotencyKey key(String what) {
        return IdempotencyKey.derive("test", what);
    }

    static CustomerPush customerPush(Customer customer) {
        return new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, customer.hostId()), key(customer.hostId()), customer, null);
    }

    static Customer customer(String hostId) {
        return new Customer(hostId, "Northside Electrical", "accounts@northside.example", null, null);
    }

    static Invoice invoice(String hostId, String number, String labourCategory) {
        return invoice(hostId, number, labourCategory, "2");
    }

    /** Labour hours at 85.00 plus 4 × 12.50 materials, GST 10% on top: 2 h → 220.00 + 22.00 tax = 242.00. */
    static Invoice invoice(String hostId, String number, String labourCategory, String hours) {
        return new Invoice(hostId, number, customer("C-N"), DAY, DAY.plusDays(14), AUD, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Labour", new BigDecimal(hours), new BigDecimal("85.00"), labourCategory, List.of("GST")),
                InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                "JOB-" + hostId);
    }

    InvoicePush invoicePush(Invoice invoice, String customerId) {
        return invoicePush(session, invoice, customerId);
    }

    CreditNotePush creditPush(CreditNote note, String customerId, String invoiceId) {
        return creditPush(session, note, customerId, invoiceId);
    }

    /** An invoice push booked with {@code on}'s mappings and settings, as the engine would book it. */
    static InvoicePush invoicePush(TestSession on, Invoice invoice, String customerId) {
        return on.invoicePush(DocumentRef.invoice(ACME, invoice.hostId()), key(invoice.hostId() + invoice.linesTotal()), invoice,
                customerId, null, false);
    }

    /** A credit note push booked with {@code on}'s mappings and settings. */
    static CreditNotePush creditPush(TestSession on, CreditNote note, String customerId, String invoiceId) {
        return on.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, note.hostId()), key(note.hostId()), note, customerId,
                invoiceId, false);
    }

    static PaymentPush paymentPush(String hostId, String invoiceId, String amount, PaymentMethod method, String account) {
        Payment payment = new Payment(hostId, "I-1", new BigDecimal(amount), DAY.plusDays(3), method, "ref-" + hostId, AUD, null);
        return new PaymentPush(DocumentRef.payment(ACME, hostId), key(hostId), payment, invoiceId, null, account, false);
    }
}
