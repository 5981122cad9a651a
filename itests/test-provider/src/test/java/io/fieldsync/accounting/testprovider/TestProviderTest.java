package io.fieldsync.accounting.testprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
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
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

import org.junit.jupiter.api.Test;

class TestProviderTest {

    private static final CompanyId COMPANY = CompanyId.of("acme");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final TestProvider alpha = new TestProvider("alpha", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyPushIsSyncedWithARemoteIdStartingWithTheProviderId() {
        Invoice invoice = invoice("INV-1", "120.00");

        List<PushOutcome> customers = alpha.documents().pushCustomers(null, List.of(new CustomerPush(
                new DocumentRef(COMPANY, DocumentKind.CUSTOMER, "C-1"), key("c"), invoice.customer(), null)));
        List<PushOutcome> invoices = alpha.documents().pushInvoices(null, List.of(invoicePush(
                DocumentRef.invoice(COMPANY, "INV-1"), key("i"), invoice, customers.get(0).remoteId(), null, false)));

        assertThat(customers).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
            assertThat(outcome.remoteId()).isEqualTo("alpha-contact-C-1");
        });
        assertThat(invoices).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
            assertThat(outcome.remoteId()).isEqualTo("alpha-invoice-INV-1");
            assertThat(outcome.remoteNumber()).isEqualTo("1001");
        });
    }

    @Test
    void anyCodeGrantsExactlyOneOrganisationOfTheProvider() {
        AuthorizationGrant grant = alpha.authorization().exchangeCode(Map.of("code", "anything", "state", "s-1"));

        assertThat(grant.organisations()).singleElement().satisfies(organisation ->
                assertThat(organisation.tenantId()).isEqualTo("alpha-organisation"));
        assertThat(grant.tokens().refreshToken()).startsWith("alpha-refresh-");
        assertThat(alpha.authorization().refresh(grant.tokens()).accessToken()).startsWith("alpha-access-");
    }

    @Test
    void aCallbackWithoutCodeIsRefusedAsInvalid() {
        assertThatThrownBy(() -> alpha.authorization().exchangeCode(Map.of("state", "s-1")))
                .isInstanceOfSatisfying(AccountingException.class, refused ->
                        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void theConsentUrlCarriesTheState() {
        URI url = alpha.authorization().authorizationUrl(new AuthorizationRequest(COMPANY, "state with spaces"));

        assertThat(url.getRawQuery()).isEqualTo("state=state+with+spaces");
    }

    @Test
    void aPaymentOfTheWholeAmountMakesTheInvoicePaid() {
        alpha.documents().pushInvoices(null, List.of(invoicePush(DocumentRef.invoice(COMPANY, "INV-2"), key("i2"),
                invoice("INV-2", "80.00"), "alpha-contact-C-1", null, false)));
        Payment payment = new Payment("P-1", "INV-2", new BigDecimal("80.00"), LocalDate.of(2025, 3, 1), PaymentMethod.CARD,
                null, Currency.getInstance("NZD"), null);

        List<PushOutcome> outcomes = alpha.documents().pushPayments(null, List.of(new PaymentPush(DocumentRef.payment(COMPANY, "P-1"),
                key("p1"), payment, "alpha-invoice-INV-2", "alpha-contact-C-1", TestProvider.BANK_ACCOUNT, false)));

        assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.remoteId()).isEqualTo("alpha-payment-P-1"));
        assertThat(alpha.ledger().invoiceState(null, "alpha-invoice-INV-2").payment().state()).isEqualTo(PaymentState.PAID);
        assertThat(alpha.ledger().changesSince(null, NOW).invoices()).extracting(state -> state.remoteId()).containsExactly("alpha-invoice-INV-2");
    }

    @Test
    void noWebhookDeliveryIsEverGenuine() {
        WebhookDelivery delivery = new WebhookDelivery(Map.of("x-signature", List.of("abc")), "{}".getBytes());

        assertThat(alpha.webhooks().verify(delivery)).isFalse();
        assertThat(alpha.webhooks().parse(delivery)).isEmpty();
    }

    private static Invoice invoice(String hostId, String amount) {
        Customer customer = new Customer("C-1", "Harbour Plumbing", "accounts@harbour.example", null, null);
        return new Invoice(hostId, "1001", customer, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31),
                Currency.getInstance("NZD"), null, AmountType.NO_TAX,
                List.of(InvoiceLine.of("Boiler service", BigDecimal.ONE, new BigDecimal(amount), ProductCategory.LABOUR, List.of())),
                null);
    }

    private static IdempotencyKey key(String part) {
        return IdempotencyKey.derive(part);
    }

    /** An invoice push as the engine books it: every line to the sales account, its tax rates as they are, approved. */
    private static InvoicePush invoicePush(DocumentRef document, IdempotencyKey key, Invoice invoice, String remoteCustomerId,
                                           String remoteInvoiceId, boolean reconcileFirst) {
        return new InvoicePush(document, key, invoice, remoteCustomerId, remoteInvoiceId, reconcileFirst, invoice.lines().stream()
                .map(line -> new BookedLine(line, "200", line.taxRateIds(), null)).toList(), InvoiceStatusOnPush.APPROVED, true);
    }
}
