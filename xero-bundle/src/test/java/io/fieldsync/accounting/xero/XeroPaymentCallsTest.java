package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;

/**
 * The calls a batch of payments costs: Xero checks each payment against its invoice itself, so the invoices are read
 * only to explain a refusal (or, in {@link XeroExactlyOnceTest}, for a payment in doubt or changed).
 */
class XeroPaymentCallsTest extends XeroSandboxTestBase {

    @Test
    void paymentsOnOpenInvoicesAreSentInOneCallWithoutReadingTheInvoicesFirst() {
        String first = openInvoice("I-1", "FS-8001");
        String second = openInvoice("I-2", "FS-8002");
        proxy.exchanges.clear();

        List<PushOutcome> paid = provider.documents().pushPayments(session, List.of(
                paymentPush("P-1", first, "100.00", PaymentMethod.CARD, "615"),
                paymentPush("P-2", second, "253.00", PaymentMethod.CASH, "090")));

        assertThat(paid).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(apiCalls()).extracting(XeroPaymentCallsTest::call).containsExactly("PUT /Payments");
        assertThat(demo.payments()).hasSize(2);
    }

    @Test
    void aPaymentOnAnInvoicePaidInXeroMeanwhileIsRefusedByXeroAndExplainedByOneReadOfItsInvoice() {
        String paidInXero = openInvoice("I-1", "FS-8101");
        String open = openInvoice("I-2", "FS-8102");
        Invoice settled = demo.invoice(UUID.fromString(paidInXero)).orElseThrow();
        demo.receivePayment(settled, demo.accountByCode("090").orElseThrow(), DAY.plusDays(2), new BigDecimal("253.00"), "at the counter",
                false, clock.instant());
        proxy.exchanges.clear();

        List<PushOutcome> outcomes = provider.documents().pushPayments(session, List.of(
                paymentPush("P-1", paidInXero, "253.00", PaymentMethod.CASH, "090"),
                paymentPush("P-2", open, "53.00", PaymentMethod.CASH, "090")));

        assertThat(outcomes).filteredOn(outcome -> outcome.document().hostId().equals("P-1")).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
            assertThat(outcome.note()).contains("already paid in Xero");
        });
        assertThat(outcomes).filteredOn(outcome -> outcome.document().hostId().equals("P-2")).singleElement()
                .extracting(PushOutcome::status).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(apiCalls()).extracting(XeroPaymentCallsTest::call).containsExactly("PUT /Payments", "GET /Invoices");
        assertThat(demo.payments()).as("the one entered in Xero and P-2").hasSize(2);
    }

    @Test
    void aPaymentThatExceedsWhatAnotherPaymentOfTheSameBatchLeftIsAFailureNotAnInvoicePaidElsewhere() {
        String invoice = openInvoice("I-1", "FS-8201");
        proxy.exchanges.clear();

        List<PushOutcome> outcomes = provider.documents().pushPayments(session, List.of(
                paymentPush("P-1", invoice, "253.00", PaymentMethod.CASH, "090"),
                paymentPush("P-2", invoice, "10.00", PaymentMethod.CASH, "090")));

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcomes.get(1).status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcomes.get(1).error().detail()).as("Xero's words").isNotBlank();
        assertThat(demo.payments()).hasSize(1);
    }

    @Test
    void aPaymentOnAnInvoiceNoLongerInXeroIsAMissingPrerequisite() {
        String gone = UUID.randomUUID().toString();

        PushOutcome outcome = provider.documents().pushPayments(session, List.of(paymentPush("P-1", gone, "10.00", PaymentMethod.CASH, "090")))
                .get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.PREREQUISITE_MISSING);
        assertThat(demo.payments()).isEmpty();
    }

    private String openInvoice(String hostId, String number) {
        return provider.documents().pushInvoices(session, List.of(invoicePush(invoice(hostId, number, ProductCategory.LABOUR),
                contactId("Bayside Club")))).get(0).remoteId();
    }

    private List<Exchange> apiCalls() {
        return proxy.exchanges.stream().filter(exchange -> exchange.uri().getPath().contains("/api.xro/")).toList();
    }

    private static String call(Exchange exchange) {
        return exchange.method() + " " + exchange.uri().getPath().substring(exchange.uri().getPath().indexOf("/api.xro/2.0") + 12);
    }
}
