package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.sandbox.testing.Exchange;

/**
 * The company settings QuickBooks enforces, read from its Preferences with the other lists: multicurrency (a
 * customer's currency is fixed when it is created; a transaction is in its customer's currency) and line discounts.
 */
class QuickBooksCompanyPreferencesTest extends QboSandboxTestBase {

    static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void aForeignCurrencyInvoiceFailsAloneBeforeSendingWhenTheCompanyHasNoMulticurrency() throws Exception {
        String customer = provider.documents().pushCustomers(session, List.of(customerPush(customer("C-N")))).get(0).remoteId();

        List<PushOutcome> outcomes = inOrder(provider.documents().pushInvoices(session, List.of(
                invoicePush(invoice("I-1", "FS-1001", ProductCategory.LABOUR), customer),
                invoicePush(in(EUR, invoice("I-2", "FS-1002", ProductCategory.LABOUR)), customer))), "I-1", "I-2");

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcomes.get(1).status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcomes.get(1).error().message()).contains("EUR", "AUD", "multicurrency", "Account and settings");
        assertThat(sentDocNumbers()).as("the EUR invoice is not sent").containsExactly("FS-1001");
    }

    @Test
    void aCustomerIsCreatedInTheCurrencyOfItsDocumentsAndItsForeignInvoiceIsTaken() throws Exception {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.enableMultiCurrency());

        PushOutcome created = provider.documents().pushCustomers(session, List.of(new CustomerPush(new DocumentRef(ACME, DocumentKind.CUSTOMER, "C-E"),
                key("C-E"), new Customer("C-E", "Euro Heating GmbH", "ap@euroheating.example", null, null), null, EUR))).get(0);
        PushOutcome invoice = provider.documents().pushInvoices(session, List.of(
                invoicePush(in(EUR, invoice("I-1", "FS-1001", ProductCategory.LABOUR)), created.remoteId()))).get(0);

        assertThat(created.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sentCustomer("Euro Heating GmbH").path("CurrencyRef").path("value").asText()).isEqualTo("EUR");
        assertThat(invoice.status()).as(String.valueOf(invoice.error())).isEqualTo(OutcomeStatus.SYNCED);
    }

    @Test
    void anInvoiceForAMatchedCustomerKeptInAnotherCurrencyFailsAloneSayingWhatToDo() throws Exception {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.enableMultiCurrency());
        String customer = provider.documents().pushCustomers(session, List.of(customerPush(customer("C-N")))).get(0).remoteId();

        List<PushOutcome> outcomes = inOrder(provider.documents().pushInvoices(session, List.of(
                invoicePush(in(EUR, invoice("I-1", "FS-1001", ProductCategory.LABOUR)), customer),
                invoicePush(invoice("I-2", "FS-1002", ProductCategory.LABOUR), customer))), "I-1", "I-2");

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcomes.get(0).error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcomes.get(0).error().message()).contains("Northside Electrical", "AUD", "EUR", "cannot be changed");
        assertThat(outcomes.get(1).status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sentDocNumbers()).containsExactly("FS-1002");
    }

    @Test
    void aDiscountedLineGoesOutAtItsNetPriceWhenTheCompanyHasDiscountsOff() throws Exception {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.allowDiscount(false));
        String customer = provider.documents().pushCustomers(session, List.of(customerPush(customer("C-N")))).get(0).remoteId();

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(discounted("I-1", "FS-1001", "2", "85.00", "10"), customer))).get(0);

        // 2 × 85.00 less 10% = 153.00, plus 4 × 12.50 = 50.00, GST 10% on top
        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.invoice(realm.realmId(), "FS-1001").orElseThrow().totalAmt()).isEqualByComparingTo("223.30");
        JsonNode labour = sentInvoice("FS-1001").path("Line").get(0).path("SalesItemLineDetail");
        assertThat(labour.has("DiscountRate")).isFalse();
        assertThat(labour.path("UnitPrice").decimalValue()).isEqualByComparingTo("76.50");
    }

    @Test
    void aDiscountThatNoNetPriceCanCarryFailsAloneNamingTheSettingWhenDiscountsAreOff() throws Exception {
        sandbox.changePreferences(realm.realmId(), prefs -> prefs.allowDiscount(false));
        String customer = provider.documents().pushCustomers(session, List.of(customerPush(customer("C-N")))).get(0).remoteId();

        // 1000 × 1.0001 less 33% = 670.067 → 670.07, but 1000 × 0.6701 (a price of four decimals) = 670.10
        List<PushOutcome> outcomes = inOrder(provider.documents().pushInvoices(session, List.of(
                invoicePush(discounted("I-1", "FS-1001", "1000", "1.0001", "33"), customer),
                invoicePush(invoice("I-2", "FS-1002", ProductCategory.LABOUR), customer))), "I-1", "I-2");

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcomes.get(0).error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcomes.get(0).error().message()).contains("discounts", "Account and settings");
        assertThat(outcomes.get(1).status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sentDocNumbers()).containsExactly("FS-1002");
    }

    @Test
    void withDiscountsOnTheLineKeepsItsDiscountRate() throws Exception {
        String customer = provider.documents().pushCustomers(session, List.of(customerPush(customer("C-N")))).get(0).remoteId();

        provider.documents().pushInvoices(session, List.of(invoicePush(discounted("I-1", "FS-1001", "2", "85.00", "10"), customer)));

        JsonNode labour = sentInvoice("FS-1001").path("Line").get(0).path("SalesItemLineDetail");
        assertThat(labour.path("DiscountRate").decimalValue()).isEqualByComparingTo("10");
        assertThat(labour.path("UnitPrice").decimalValue()).isEqualByComparingTo("85.00");
    }

    /** The outcomes in the order of these host ids (a provider answers refusals before what it sent). */
    static List<PushOutcome> inOrder(List<PushOutcome> outcomes, String... hostIds) {
        return java.util.Arrays.stream(hostIds).map(id -> outcomes.stream().filter(outcome -> outcome.document().hostId().equals(id))
                .findFirst().orElseThrow()).toList();
    }

    static Invoice in(Currency currency, Invoice invoice) {
        return new Invoice(invoice.hostId(), invoice.number(), invoice.customer(), invoice.issueDate(), invoice.dueDate(), currency,
                null, invoice.amountType(), invoice.lines(), invoice.reference());
    }

    /** Labour at {@code qty} × {@code price} less {@code percent}, plus 4 × 12.50 materials, GST on both. */
    static Invoice discounted(String hostId, String number, String qty, String price, String percent) {
        return new Invoice(hostId, number, customer("C-N"), DAY, DAY.plusDays(14), AUD, null, AmountType.TAX_EXCLUSIVE, List.of(
                new InvoiceLine("Labour", new BigDecimal(qty), new BigDecimal(price), new BigDecimal(percent), ProductCategory.LABOUR,
                        List.of("GST"), null),
                InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                "JOB-" + hostId);
    }

    /** The DocNumbers of every invoice a batch request tried to create. */
    List<String> sentDocNumbers() throws Exception {
        return sentEntities("Invoice").stream().map(invoice -> invoice.path("DocNumber").asText()).toList();
    }

    JsonNode sentInvoice(String docNumber) throws Exception {
        return sentEntities("Invoice").stream().filter(invoice -> docNumber.equals(invoice.path("DocNumber").asText())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no request sent invoice " + docNumber));
    }

    JsonNode sentCustomer(String name) throws Exception {
        return sentEntities("Customer").stream().filter(customer -> name.equals(customer.path("DisplayName").asText())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no request sent customer " + name));
    }

    private List<JsonNode> sentEntities(String entity) throws Exception {
        List<JsonNode> sent = new java.util.ArrayList<>();
        for (Exchange exchange : apiCalls()) {
            if (!exchange.uri().getPath().endsWith("/batch") || exchange.requestBody() == null) {
                continue;
            }
            for (JsonNode item : QuickBooksApi.JSON.readTree(exchange.requestBody()).path("BatchItemRequest")) {
                if (item.has(entity)) {
                    sent.add(item.get(entity));
                }
            }
        }
        return sent;
    }
}
