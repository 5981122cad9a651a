package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;

/** Credit memos applied, payments, and payment state read back, against the QBO sandbox. */
class QuickBooksCreditsAndPaymentsTest extends QboSandboxTestBase {

    // ---- credit notes

    @Test
    void aFullAndAPartialCreditAreAppliedToTheirInvoicesWithAZeroPayment() {
        String customer = customerId("Northside Electrical");
        Invoice full = invoice("I-1", "FS-6001", ProductCategory.LABOUR);
        Invoice partial = invoice("I-2", "FS-6002", ProductCategory.LABOUR);
        List<PushOutcome> invoices = provider.documents().pushInvoices(session, List.of(invoicePush(full, customer), invoicePush(partial, customer)));
        CreditNote refund = new CreditNote("CN-2", "I-2", "CN-2", DAY.plusDays(1), AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Copper fittings returned", new BigDecimal("2"), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))),
                false, "returned");
        proxy.exchanges.clear();

        List<PushOutcome> credited = provider.documents().pushCreditNotes(session, List.of(
                creditPush(CreditNote.cancelling(full, "CN-1", DAY.plusDays(1), "job cancelled"), customer, invoices.get(0).remoteId()),
                creditPush(refund, customer, invoices.get(1).remoteId())));

        assertThat(credited).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
            assertThat(outcome.note()).startsWith("applied");
        });
        assertThat(apiCalls()).as("read invoices, create memos, apply memos").hasSize(3);
        assertThat(balance("FS-6001")).isEqualByComparingTo("0.00");
        assertThat(balance("FS-6002")).isEqualByComparingTo("214.50");
        RemoteInvoiceState state = provider.ledger().invoiceState(session, invoices.get(0).remoteId());
        assertThat(state.payment().amountCredited()).isEqualByComparingTo("242.00");
        assertThat(state.payment().amountPaid()).isEqualByComparingTo("0.00");
    }

    @Test
    void aCreditNoteResentAfterAnUnknownOutcomeIsNeitherCreatedNorAppliedTwice() {
        String customer = customerId("Northside Electrical");
        Invoice invoice = invoice("I-1", "FS-6101", ProductCategory.LABOUR);
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, customer))).get(0).remoteId();
        CreditNote cancel = CreditNote.cancelling(invoice, "CN-1", DAY.plusDays(1), null);
        PushOutcome first = provider.documents().pushCreditNotes(session, List.of(creditPush(cancel, customer, invoiceId))).get(0);

        PushOutcome resent = provider.documents().pushCreditNotes(session, List.of(session.creditNotePush(first.document(), key("CN-1-again"), cancel,
                customer, invoiceId, true))).get(0);

        assertThat(resent.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(resent.remoteId()).isEqualTo(first.remoteId());
        assertThat(resent.note()).contains("already applied");
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(1);
        assertThat(balance("FS-6101")).isEqualByComparingTo("0.00");
    }

    // ---- payments

    @Test
    void partialAndFullPaymentsGoIntoTheMappedAccountsAndAPaymentForAPaidInvoiceIsNotSent() {
        String customer = customerId("Northside Electrical");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7001", ProductCategory.LABOUR), customer)))
                .get(0).remoteId();
        proxy.exchanges.clear();

        List<PushOutcome> paid = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CARD, "1100"),
                paymentPush("P-2", invoiceId, "142.00", PaymentMethod.CASH, "1250")));
        int paymentCalls = apiCalls().size();
        RemoteInvoiceState afterwards = provider.ledger().invoiceState(session, invoiceId);
        PushOutcome extra = provider.documents().pushPayments(session, List.of(paymentPush("P-3", invoiceId, "10.00", PaymentMethod.CASH, "1250"))).get(0);

        assertThat(paid).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(paymentCalls).as("invoices read, payments created (lists cached by the invoice push)").isEqualTo(2);
        assertThat(afterwards.payment().state()).isEqualTo(PaymentState.PAID);
        assertThat(afterwards.payment().amountPaid()).isEqualByComparingTo("242.00");
        assertThat(afterwards.payment().lastPaymentDate()).isEqualTo(DAY.plusDays(3));
        assertThat(extra.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(extra.note()).contains("already paid");
        assertThat(sandbox.payments(realm.realmId())).hasSize(2).anySatisfy(payment -> assertThat(payment.depositAccount()).isEqualTo("5"))
                .anySatisfy(payment -> assertThat(payment.depositAccount()).isEqualTo("4"));
    }

    @Test
    void aPaymentAboveWhatTheInvoiceOwesIsATypedErrorWithTheNumbers() {
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7101", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0).remoteId();

        PushOutcome outcome = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "300.00", PaymentMethod.CASH, "1250"))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(outcome.error().message()).contains("300.00").contains("242.00");
        assertThat(sandbox.payments(realm.realmId())).isEmpty();
    }

    @Test
    void aPaymentResentUnderANewKeyAfterAnUnknownOutcomeIsFoundByItsMarkAndNotSentTwice() {
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-7201", ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0).remoteId();
        PushOutcome first = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "50.00", PaymentMethod.CASH, "1250"))).get(0);

        Payment payment = new Payment("P-1", "I-1", new BigDecimal("50.00"), DAY.plusDays(3), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome retried = provider.documents().pushPayments(session, List.of(new PaymentPush(DocumentRef.payment(ACME, "P-1"), key("P-1-later"),
                payment, invoiceId, null, "1250", true))).get(0);

        assertThat(retried.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(retried.remoteId()).isEqualTo(first.remoteId());
        assertThat(sandbox.payments(realm.realmId())).hasSize(1);
    }

    // ---- payment state and changes

    @Test
    void invoiceStatesOfManyInvoicesAreReadInOneCallAndTheirPaymentsInOneMore() {
        String customer = customerId("Northside Electrical");
        List<String> ids = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-8001", ProductCategory.LABOUR), customer),
                invoicePush(invoice("I-2", "FS-8002", ProductCategory.LABOUR), customer),
                invoicePush(invoice("I-3", "FS-8003", ProductCategory.LABOUR), customer))).stream().map(PushOutcome::remoteId).toList();
        sandbox.enterPayment(realm.realmId(), "FS-8002", new BigDecimal("42.00"), DAY.plusDays(5));
        proxy.exchanges.clear();

        List<RemoteInvoiceState> states = provider.ledger().invoiceStates(session, ids);

        assertThat(states).extracting(state -> state.payment().state())
                .containsExactlyInAnyOrder(PaymentState.UNPAID, PaymentState.PARTIALLY_PAID, PaymentState.UNPAID);
        assertThat(states).filteredOn(state -> state.number().equals("FS-8002")).singleElement().satisfies(state -> {
            assertThat(state.payment().amountDue()).isEqualByComparingTo("200.00");
            assertThat(state.payment().lastPaymentDate()).isEqualTo(DAY.plusDays(5));
        });
        assertThat(apiCalls()).as("the invoices in one batch of queries, their payments in one more").hasSize(2);
    }

    @Test
    void changesSinceReadsChangedInvoicesByChangeDataCaptureAndClampsToThirtyDays() {
        String customer = customerId("Northside Electrical");
        String id = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-9001", ProductCategory.LABOUR), customer))).get(0).remoteId();
        sandbox.enterPayment(realm.realmId(), "FS-9001", new BigDecimal("242.00"), DAY);
        proxy.exchanges.clear();

        RemoteChanges changes = provider.ledger().changesSince(session, clock.instant().minus(Duration.ofDays(90)));

        assertThat(changes.invoices()).filteredOn(state -> state.remoteId().equals(id)).singleElement()
                .satisfies(state -> assertThat(state.payment().state()).isEqualTo(PaymentState.PAID));
        assertThat(exchangesTo("/cdc")).singleElement().satisfies(exchange -> assertThat(exchange.status()).isEqualTo(200));
    }
}
