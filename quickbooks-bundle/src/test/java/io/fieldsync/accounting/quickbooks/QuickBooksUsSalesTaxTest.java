package io.fieldsync.accounting.quickbooks;

import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.ACME;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.DAY;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.REDIRECT;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.consent;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.contractViolations;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.creditPush;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.invoicePush;
import static io.fieldsync.accounting.quickbooks.QboSandboxTestBase.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.control.QboInvoiceSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.testing.RecordingProxy;

/**
 * The provider against the sandbox's US company (QBO's US sales-tax model): reference data, invoices and credit
 * memos with TAX/NON lines and one sales-tax code per document, and the documents US QBO cannot take. Every request
 * is checked against Intuit's XSDs like in {@link QboSandboxTestBase}.
 */
class QuickBooksUsSalesTaxTest {

    static final Currency USD = Currency.getInstance("USD");
    static final String COMPANY = "Sierra Plumbing (US)";

    QboSandbox sandbox;
    SandboxRealm realm;
    RecordingProxy proxy;
    QuickBooksProvider provider;
    TestSession session;

    @BeforeEach
    void connect() throws Exception {
        SandboxClock clock = SandboxClock.startingAt(Instant.parse("2026-11-02T17:00:00Z"));
        sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient("fs-client", "fs-secret").withRedirectUris(List.of(REDIRECT)), clock)
                .start(0);
        realm = sandbox.seedUsDemoCompany(COMPANY);
        proxy = new RecordingProxy(sandbox.baseUrl());
        String base = proxy.baseUrl();
        provider = new QuickBooksProvider(new QuickBooksSettings("fs-client", "fs-secret", REDIRECT, sandbox.verifierToken(),
                QuickBooksConfiguration.ACCOUNTING_SCOPE, base + "/connect/oauth2", base + "/oauth2/v1/tokens/bearer",
                base + "/v2/oauth2/tokens/revoke", base, 75, Duration.ofSeconds(5), Duration.ofSeconds(5)), clock);
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

    @Test
    void referenceDataListsTheSalesTaxCodesWithTheirCombinedRatesAndNonButNotTax() {
        ReferenceData data = provider.ledger().referenceData(session);

        assertThat(apiCalls()).as("the country comes with the lists, in the same batch").hasSize(1);
        assertThat(data.taxRate("2")).hasValueSatisfying(rate -> {
            assertThat(rate.name()).isEqualTo("California");
            assertThat(rate.ratePercent()).isEqualByComparingTo("8.25");
            assertThat(rate.active()).isTrue();
            assertThat(rate.appliesToRevenue()).isTrue();
        });
        assertThat(data.taxRate("5")).as("a combined code: 7.25% + 2.25%")
                .hasValueSatisfying(rate -> assertThat(rate.ratePercent()).isEqualByComparingTo("9.50"));
        assertThat(data.taxRate("NON")).hasValueSatisfying(rate -> {
            assertThat(rate.ratePercent()).isEqualByComparingTo("0");
            assertThat(rate.active()).isTrue();
            assertThat(rate.appliesToRevenue()).isTrue();
        });
        assertThat(data.taxRate("TAX")).as("a flag, not a rate").isEmpty();
        assertThat(data.account("4100")).isPresent();
    }

    @Test
    void anInvoiceWithTaxableAndExemptLinesIsTaxedAtItsOneSalesTaxCode() throws Exception {
        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-1", "US-1001", "2", "CA", "EXEMPT"),
                customerId()))).get(0);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(OutcomeStatus.SYNCED);
        // 2 h × 85.00 taxable at 8.25% = 14.025 → 14.03; 4 × 12.50 exempt
        assertThat(sandbox.invoice(realm.realmId(), "US-1001")).hasValueSatisfying(invoice -> {
            assertThat(invoice.totalTax()).isEqualByComparingTo("14.03");
            assertThat(invoice.totalAmt()).isEqualByComparingTo("234.03");
        });
        JsonNode sent = sentInvoice("US-1001");
        assertThat(sent.path("TxnTaxDetail").path("TxnTaxCodeRef").path("value").asText()).isEqualTo("2");
        assertThat(sent.has("GlobalTaxCalculation")).as("not for US companies").isFalse();
        assertThat(sent.path("Line").findValuesAsText("value")).containsSubsequence("TAX", "NON");
    }

    @Test
    void anUpdatedInvoiceKeepsItsSalesTaxAndAnAllExemptOneNeedsNoCode() throws Exception {
        String customer = customerId();
        PushOutcome created = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-1", "US-2001", "2", "CA", "EXEMPT"), customer)))
                .get(0);

        PushOutcome updated = provider.documents().pushInvoices(session, List.of(session.invoicePush(created.document(), key("I-1-r2"),
                invoice("I-1", "US-2001", "3", "CA", "EXEMPT"), customer, created.remoteId(), false))).get(0);
        PushOutcome exempt = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-2", "US-2002", "1", "EXEMPT", "EXEMPT"),
                customer))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.SYNCED);
        // 255.00 × 8.25% = 21.0375 → 21.04
        assertThat(sandbox.invoice(realm.realmId(), "US-2001").map(QboInvoiceSnapshot::totalAmt)).hasValueSatisfying(total ->
                assertThat(total).isEqualByComparingTo("326.04"));
        assertThat(exempt.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.invoice(realm.realmId(), "US-2002")).hasValueSatisfying(invoice -> {
            assertThat(invoice.totalTax()).isEqualByComparingTo("0");
            assertThat(invoice.totalAmt()).isEqualByComparingTo("135.00");
        });
        assertThat(sentInvoice("US-2002").has("TxnTaxDetail")).isFalse();
    }

    @Test
    void aCreditNoteForAUsInvoiceIsACreditMemoWithTheSameSalesTaxAppliedToIt() {
        String customer = customerId();
        Invoice invoice = invoice("I-1", "US-3001", "2", "CA", "EXEMPT");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice, customer))).get(0).remoteId();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(creditPush(session, CreditNote.cancelling(invoice, "US-CN-1",
                DAY.plusDays(1), "job cancelled"), customer, invoiceId))).get(0);

        assertThat(credited.status()).as(String.valueOf(credited.error())).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).startsWith("applied 234.03");
        assertThat(sandbox.invoice(realm.realmId(), "US-3001").map(QboInvoiceSnapshot::balance)).hasValueSatisfying(balance ->
                assertThat(balance).isEqualByComparingTo("0.00"));
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(1);
    }

    @Test
    void linesTaxedAtTwoSalesTaxesAreATaxMappingErrorNamingBothAndNothingIsSent() {
        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-1", "US-4001", "2", "CA", "NV"),
                customerId()))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(outcome.error().message()).contains("one sales tax").contains("US-4001").contains("California and Nevada")
                .contains("Settings → Accounting → Tax rates");
        assertThat(sandbox.counts(realm.realmId()).invoices()).isZero();
    }

    @Test
    void aTaxInclusiveInvoiceIsUnsupportedForAUsCompanyAndAHostRateMappedToTaxIsAMappingError() {
        String customer = customerId();
        Invoice inclusive = new Invoice("I-1", "US-5001", customer("C-S"), DAY, DAY.plusDays(30), USD, null, AmountType.TAX_INCLUSIVE,
                List.of(InvoiceLine.of("Labour", BigDecimal.ONE, new BigDecimal("85.00"), ProductCategory.LABOUR, List.of("CA"))), null);
        session.mappings = new Mappings(mappings().revenueAccountByCategory(), Map.of(), Map.of("CA", "TAX", "EXEMPT", "NON"), null, null, "1250",
                Map.of());

        List<PushOutcome> outcomes = provider.documents().pushInvoices(session, List.of(invoicePush(session, inclusive, customer),
                invoicePush(session, invoice("I-2", "US-5002", "1", "CA", "EXEMPT"), customer)));

        assertThat(outcomes.get(0).error().code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(outcomes.get(0).error().message()).contains("include tax").contains("US-5001");
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(outcomes.get(1).error().message()).contains("CA").contains("no sales tax");
        assertThat(sandbox.counts(realm.realmId()).invoices()).isZero();
    }

    // ---- helpers

    @Test
    void withAutomatedSalesTaxTheHostsTaxIsSentAsTheAmountSoTheTotalIsTheHosts() throws Exception {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.automatedSalesTax("5", true));

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-1", "FS-1001", "2", "CA", "CA"),
                customerId()))).get(0);

        // 220.00 taxable at California's 8.25% = 18.15; AST's own code (9.5%) would make it 20.90
        QboInvoiceSnapshot sent = sandbox.invoice(realm.realmId(), "FS-1001").orElseThrow();
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sent.totalTax()).isEqualByComparingTo("18.15");
        assertThat(sent.totalAmt()).isEqualByComparingTo("238.15");
        assertThat(sentInvoice("FS-1001").path("TxnTaxDetail").path("TotalTax").decimalValue()).isEqualByComparingTo("18.15");
        assertThat(outcome.note()).isNull();
    }

    @Test
    void withAutomatedSalesTaxACancellationCreditsExactlyWhatTheInvoiceCharged() {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.automatedSalesTax("5", true));
        String customer = customerId();
        Invoice invoice = invoice("I-1", "US-3001", "2", "CA", "CA");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice, customer))).get(0).remoteId();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(creditPush(session, CreditNote.cancelling(invoice, "US-CN-1",
                DAY.plusDays(1), "job cancelled"), customer, invoiceId))).get(0);

        // 220.00 + 18.15 at California's rate, credited in full although AST's own code would charge 9.5%
        assertThat(credited.status()).as(String.valueOf(credited.error())).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).startsWith("applied 238.15");
        assertThat(sandbox.invoice(realm.realmId(), "US-3001").map(QboInvoiceSnapshot::balance)).hasValueSatisfying(balance ->
                assertThat(balance).isEqualByComparingTo("0.00"));
    }

    @Test
    void whenAutomatedSalesTaxReplacesTheHostsTaxTheDocumentSaysSo() throws Exception {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.automatedSalesTax("5", false));

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-1", "FS-1001", "2", "CA", "CA"),
                customerId()))).get(0);

        assertThat(sandbox.invoice(realm.realmId(), "FS-1001").orElseThrow().totalTax()).isEqualByComparingTo("20.90");
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcome.note()).contains("Automated Sales Tax", "20.90", "18.15");
    }

    @Test
    void whenAutomatedSalesTaxReplacesTheHostsTaxOnACreditMemoTheCreditNoteSaysSoBesideItsApplication() {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.automatedSalesTax("5", false));
        String customer = customerId();
        Invoice invoice = invoice("I-1", "US-3001", "2", "CA", "CA");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice, customer))).get(0).remoteId();

        PushOutcome credited = provider.documents().pushCreditNotes(session, List.of(creditPush(session, CreditNote.cancelling(invoice, "US-CN-1",
                DAY.plusDays(1), "job cancelled"), customer, invoiceId))).get(0);

        assertThat(credited.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(credited.note()).startsWith("applied 240.9").contains("Automated Sales Tax booked 20.90", "host's 18.15");
    }

    @Test
    void withoutAutomatedSalesTaxNoAmountIsSent() throws Exception {
        provider.documents().pushInvoices(session, List.of(invoicePush(session, invoice("I-1", "FS-1001", "2", "CA", "CA"), customerId())));

        assertThat(sentInvoice("FS-1001").path("TxnTaxDetail").has("TotalTax")).as("QuickBooks computes it").isFalse();
    }

    static Mappings mappings() {
        return new Mappings(Map.of(ProductCategory.LABOUR, "4100", ProductCategory.MATERIALS, "4200"), Map.of(),
                Map.of("CA", "2", "NV", "3", "EXEMPT", "NON"), null, null, "1250", Map.of());
    }

    /** Labour hours at 85.00 taxed at {@code labourTax}, plus 4 × 12.50 materials taxed at {@code materialsTax}. */
    static Invoice invoice(String hostId, String number, String hours, String labourTax, String materialsTax) {
        return new Invoice(hostId, number, customer("C-S"), DAY, DAY.plusDays(30), USD, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Labour", new BigDecimal(hours), new BigDecimal("85.00"), ProductCategory.LABOUR, List.of(labourTax)),
                InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS,
                        List.of(materialsTax))), "JOB-" + hostId);
    }

    static Customer customer(String hostId) {
        return new Customer(hostId, "Sierra Electric", "accounts@sierra.example", null, null);
    }

    String customerId() {
        return provider.ledger().contacts(session, 1).contacts().stream().filter(contact -> contact.name().equals("Sierra Electric")).findFirst()
                .orElseThrow().remoteId();
    }

    List<Exchange> apiCalls() {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().startsWith("/v3/company/")).toList();
    }

    /** The Invoice of the last batch request that sent {@code docNumber}. */
    JsonNode sentInvoice(String docNumber) throws Exception {
        JsonNode found = null;
        for (Exchange exchange : apiCalls()) {
            if (!exchange.uri().getPath().endsWith("/batch") || exchange.requestBody() == null) {
                continue;
            }
            for (JsonNode item : QuickBooksApi.JSON.readTree(exchange.requestBody()).path("BatchItemRequest")) {
                if (docNumber.equals(item.path("Invoice").path("DocNumber").asText())) {
                    found = item.get("Invoice");
                }
            }
        }
        assertThat(found).as("a request sending invoice " + docNumber).isNotNull();
        return found;
    }
}
