package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * The calls a push of new payments costs when the engine knows each invoice's customer (it always does): QuickBooks
 * checks a payment against its invoice itself (fault 6000 above the Balance), so the invoices are read only to explain
 * a refusal. Payments in doubt or changed are read first ({@link QuickBooksExactlyOnceTest}, {@link QuickBooksEditsTest}).
 */
class QboPaymentCallsTest extends QboSandboxTestBase {

    @Test
    void newPaymentsOfAKnownCustomerAreSentInOneBatchCallWithoutReadingTheirInvoicesFirst() {
        String customer = customerId("Northside Electrical");
        String invoiceId = openInvoice("I-1", "FS-9001", customer);
        proxy.exchanges.clear();

        List<PushOutcome> paid = provider.documents().pushPayments(session, List.of(payment("P-1", invoiceId, customer, "100.00"),
                payment("P-2", invoiceId, customer, "142.00")));

        assertThat(paid).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(apiCalls()).as("the payments' batch only (lists cached by the invoice push)").hasSize(1);
        assertThat(sandbox.payments(realm.realmId())).hasSize(2);
    }

    @Test
    void aPaymentForAnInvoicePaidInQuickBooksMeanwhileIsRefusedThenExplainedByOneReadAsAlreadyPaid() {
        String customer = customerId("Northside Electrical");
        String invoiceId = openInvoice("I-1", "FS-9101", customer);
        provider.documents().pushPayments(session, List.of(payment("P-1", invoiceId, customer, "242.00")));
        proxy.exchanges.clear();

        PushOutcome extra = provider.documents().pushPayments(session, List.of(payment("P-2", invoiceId, customer, "10.00"))).get(0);

        assertThat(extra.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(extra.note()).contains("already paid");
        assertThat(apiCalls()).as("the refused payment, then its invoice and payments read").hasSizeLessThanOrEqualTo(3);
        assertThat(sandbox.payments(realm.realmId())).hasSize(1);
    }

    @Test
    void aPaymentAboveWhatAnotherPaymentOfTheSamePushLeftIsAFailureWithTheNumbersNotAnInvoicePaidElsewhere() {
        String customer = customerId("Northside Electrical");
        String invoiceId = openInvoice("I-1", "FS-9201", customer);

        List<PushOutcome> outcomes = provider.documents().pushPayments(session, List.of(payment("P-1", invoiceId, customer, "242.00"),
                payment("P-2", invoiceId, customer, "10.00")));

        assertThat(outcomes).filteredOn(outcome -> outcome.document().hostId().equals("P-1")).singleElement()
                .extracting(PushOutcome::status).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(outcomes).filteredOn(outcome -> outcome.document().hostId().equals("P-2")).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(outcome.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(outcome.error().message()).contains("10.00").contains("0.00");
        });
        assertThat(sandbox.payments(realm.realmId())).hasSize(1);
    }

    @Test
    void aPaymentAboveWhatTheInvoiceOwesIsStillATypedErrorWithTheNumbers() {
        String customer = customerId("Northside Electrical");
        String invoiceId = openInvoice("I-1", "FS-9301", customer);

        PushOutcome outcome = provider.documents().pushPayments(session, List.of(payment("P-1", invoiceId, customer, "300.00"))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcome.error().message()).contains("300.00").contains("242.00");
        assertThat(sandbox.payments(realm.realmId())).isEmpty();
    }

    @Test
    void aPaymentRefusedBecauseItsInvoiceNowBelongsToAnotherCustomerIsSentAgainForThatCustomer() {
        String before = customerId("Northside Electrical");
        String after = customerId("Liam Gallagher");
        String invoiceId = openInvoice("I-1", "FS-9401", before);
        QboDirect inQuickBooks = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        String syncToken = inQuickBooks.get("/invoice/" + invoiceId).path("Invoice").path("SyncToken").asText();
        inQuickBooks.post("/invoice", "{\"Id\":\"" + invoiceId + "\",\"SyncToken\":\"" + syncToken + "\",\"sparse\":true,"
                + "\"CustomerRef\":{\"value\":\"" + after + "\"}}");

        PushOutcome outcome = provider.documents().pushPayments(session, List.of(payment("P-1", invoiceId, before, "100.00"))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.payments(realm.realmId())).singleElement()
                .satisfies(payment -> assertThat(payment.customerId()).isEqualTo(after));
    }

    private String openInvoice(String hostId, String number, String customer) {
        return provider.documents().pushInvoices(session, List.of(invoicePush(invoice(hostId, number, ProductCategory.LABOUR), customer)))
                .get(0).remoteId();
    }

    /** A new payment as the engine builds it: with the customer of its invoice. */
    private static PaymentPush payment(String hostId, String invoiceId, String customer, String amount) {
        Payment payment = new Payment(hostId, "I-1", new BigDecimal(amount), DAY.plusDays(3), PaymentMethod.CASH, "ref-" + hostId, AUD, null);
        return new PaymentPush(DocumentRef.payment(ACME, hostId), key(hostId), payment, invoiceId, customer, "1250", false);
    }
}
