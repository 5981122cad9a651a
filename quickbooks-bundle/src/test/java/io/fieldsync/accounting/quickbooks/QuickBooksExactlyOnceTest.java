package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;
import io.fieldsync.accounting.quickbooks.wire.QboRef;
import io.fieldsync.accounting.sandbox.qbo.control.QboPaymentSnapshot;

/**
 * Issue 7, holes 3 and 4 for QuickBooks: a push whose answer was lost after QBO applied it, sent again marked
 * {@code reconcileFirst} under new keys and in another batch composition, finds every document an earlier attempt
 * created and answers each with its own remote id; nothing is written twice.
 * {@code dropConnectionAfterApply(2)} loses the answer for good: the write is applied, and the JDK's own resend of the
 * dropped POST is replayed by requestid and dropped too.
 */
class QuickBooksExactlyOnceTest extends QboSandboxTestBase {

    private static final int BATCH = 30;

    @Test
    void thirtyPaymentsWhoseAnswerWasLostAreEachFoundAsThemselvesWhenResentUnderNewKeysInAnotherComposition() {
        List<String> invoiceIds = invoices("FS-71");
        List<PaymentPush> first = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            // the first 15 settle their invoice (242.00), the other 15 pay part of it
            first.add(payment("P-" + i, invoiceIds.get(i), i < BATCH / 2 ? "242.00" : "100.00", "first", false));
        }
        sandbox.dropConnectionAfterApply(2);

        List<PushOutcome> lost = provider.documents().pushPayments(session, first);
        List<PaymentPush> again = new ArrayList<>(first.stream().map(push -> payment(push.payment().hostId(), push.remoteInvoiceId(),
                push.payment().amount().toPlainString(), "second", true)).toList());
        Collections.reverse(again);
        List<PushOutcome> resent = new ArrayList<>(provider.documents().pushPayments(session, again.subList(0, 20)));
        resent.addAll(provider.documents().pushPayments(session, again.subList(20, BATCH)));

        assertThat(lost).extracting(PushOutcome::status).containsOnly(OutcomeStatus.UNKNOWN);
        List<QboPaymentSnapshot> ledger = sandbox.payments(realm.realmId());
        assertThat(ledger).as("QuickBooks holds each payment once").hasSize(BATCH);
        Map<String, String> paymentOfInvoice = ledger.stream().collect(Collectors.toMap(payment -> payment.appliedTo().get(0), QboPaymentSnapshot::id));
        for (PushOutcome outcome : resent) {
            PaymentPush push = again.stream().filter(candidate -> candidate.document().equals(outcome.document())).findFirst().orElseThrow();
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
            assertThat(outcome.remoteId()).as("its own payment's id, not the paid invoice's").isEqualTo(paymentOfInvoice.get(push.remoteInvoiceId()));
        }
        assertThat(resent).extracting(PushOutcome::remoteId).doesNotHaveDuplicates();
        assertThat(IntStream.range(0, BATCH).mapToObj(i -> balance("FS-71" + String.format("%02d", i))).toList())
                .filteredOn(balance -> balance.signum() == 0).hasSize(BATCH / 2);
    }

    @Test
    void aPaymentWhoseDateWasChangedAfterItsAnswerWasLostIsFoundOnItsInvoiceAndChangedInPlace() {
        String invoiceId = invoices("FS-72").get(0);
        sandbox.dropConnectionAfterApply(2);
        PushOutcome lost = provider.documents().pushPayments(session, List.of(payment("P-1", invoiceId, "100.00", "first", false))).get(0);

        Payment changed = new Payment("P-1", "I-1", new BigDecimal("120.00"), DAY.plusDays(9), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome resent = provider.documents().pushPayments(session, List.of(new PaymentPush(DocumentRef.payment(ACME, "P-1"), key("P-1-edited"),
                changed, invoiceId, null, "1250", true))).get(0);

        assertThat(lost.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(resent.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.payments(realm.realmId())).singleElement().satisfies(payment -> {
            assertThat(payment.id()).isEqualTo(resent.remoteId());
            assertThat(payment.totalAmt()).isEqualByComparingTo("120.00");
            assertThat(payment.txnDate()).isEqualTo(DAY.plusDays(9));
        });
        assertThat(balance("FS-7200")).isEqualByComparingTo("122.00");
    }

    @Test
    void thirtyInvoicesNumberedByQuickBooksWhoseAnswerWasLostAreFoundByTheirMarkWhenResentUnderNewKeys() {
        session.settings = new SyncSettings(InvoiceStatusOnPush.APPROVED, false, false);
        String customer = customerId("Northside Electrical");
        String earlier = itemsInPlace(customer);
        List<InvoicePush> first = IntStream.range(0, BATCH).mapToObj(i -> invoicePush(invoice("I-" + i, null, ProductCategory.LABOUR), customer)).toList();
        sandbox.dropConnectionAfterApply(2);

        List<PushOutcome> lost = provider.documents().pushInvoices(session, first);
        List<InvoicePush> again = new ArrayList<>(first.stream().map(push -> session.invoicePush(push.document(), key(push.document().hostId() + "-again"),
                push.invoice(), customer, null, true)).toList());
        Collections.reverse(again);
        List<PushOutcome> resent = new ArrayList<>(provider.documents().pushInvoices(session, again.subList(0, 12)));
        resent.addAll(provider.documents().pushInvoices(session, again.subList(12, BATCH)));

        assertThat(lost).extracting(PushOutcome::status).containsOnly(OutcomeStatus.UNKNOWN);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(BATCH + 1);
        assertThat(resent).extracting(PushOutcome::status).containsOnly(OutcomeStatus.ALREADY_PRESENT);
        assertThat(resent).extracting(PushOutcome::remoteId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandbox.invoices(realm.realmId()).stream().map(invoice -> invoice.id())
                        .filter(id -> !id.equals(earlier)).toList());
    }

    @Test
    void anInvoiceNumberedByQuickBooksWhoseDateWasChangedAfterItsAnswerWasLostIsFoundAndUpdatedNotCreatedAgain() {
        session.settings = new SyncSettings(InvoiceStatusOnPush.APPROVED, false, false);
        String customer = customerId("Northside Electrical");
        String earlier = itemsInPlace(customer);
        Invoice original = invoice("I-1", null, ProductCategory.LABOUR);
        sandbox.dropConnectionAfterApply(2);
        PushOutcome lost = provider.documents().pushInvoices(session, List.of(invoicePush(original, customer))).get(0);

        Invoice redated = new Invoice("I-1", null, original.customer(), DAY.plusDays(5), DAY.plusDays(19), AUD, null, original.amountType(),
                original.lines(), original.reference());
        PushOutcome resent = provider.documents().pushInvoices(session, List.of(session.invoicePush(lost.document(), key("I-1-redated"), redated, customer,
                null, true))).get(0);

        assertThat(lost.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(resent.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.invoices(realm.realmId()).stream().filter(invoice -> !invoice.id().equals(earlier)).toList()).singleElement()
                .satisfies(invoice -> {
                    assertThat(invoice.id()).isEqualTo(resent.remoteId());
                    assertThat(invoice.txnDate()).isEqualTo(DAY.plusDays(5));
                });
    }

    @Test
    void thirtyCreditNotesWhoseAnswerWasLostAreNeitherCreatedNorAppliedTwiceWhenResentUnderNewKeys() {
        session.settings = new SyncSettings(InvoiceStatusOnPush.APPROVED, false, false);
        String customer = customerId("Northside Electrical");
        List<Invoice> invoices = IntStream.range(0, BATCH).mapToObj(i -> invoice("I-" + i, null, ProductCategory.LABOUR)).toList();
        List<String> invoiceIds = provider.documents().pushInvoices(session, invoices.stream().map(invoice -> invoicePush(invoice, customer)).toList())
                .stream().map(PushOutcome::remoteId).toList();
        List<CreditNotePush> first = IntStream.range(0, BATCH).mapToObj(i -> creditPush(CreditNote.cancelling(invoices.get(i), "CN-" + i,
                DAY.plusDays(1), "job cancelled"), customer, invoiceIds.get(i))).toList();
        sandbox.dropConnectionAfterApply(2);

        List<PushOutcome> lost = provider.documents().pushCreditNotes(session, first);
        List<CreditNotePush> again = new ArrayList<>(first.stream().map(push -> session.creditNotePush(push.document(),
                key(push.document().hostId() + "-again"), push.creditNote(), customer, push.remoteInvoiceId(), true)).toList());
        Collections.reverse(again);
        List<PushOutcome> resent = new ArrayList<>(provider.documents().pushCreditNotes(session, again.subList(0, 7)));
        resent.addAll(provider.documents().pushCreditNotes(session, again.subList(7, BATCH)));

        assertThat(lost).extracting(PushOutcome::status).containsOnly(OutcomeStatus.UNKNOWN);
        assertThat(resent).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(resent).allSatisfy(outcome -> assertThat(outcome.note()).startsWith("applied"));
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(BATCH);
        assertThat(sandbox.payments(realm.realmId())).as("one application per memo").hasSize(BATCH);
        assertThat(sandbox.invoices(realm.realmId())).allSatisfy(invoice -> assertThat(invoice.balance()).isEqualByComparingTo("0.00"));
    }

    @Test
    void aCreditMemoWhoseApplicationIsMissingIsFoundAndAppliedNotCreatedAgain() throws Exception {
        String customer = customerId("Northside Electrical");
        List<Invoice> invoices = IntStream.range(0, 3).mapToObj(i -> invoice("I-" + i, "FS-74" + i, ProductCategory.LABOUR)).toList();
        List<String> invoiceIds = provider.documents().pushInvoices(session, invoices.stream().map(invoice -> invoicePush(invoice, customer)).toList())
                .stream().map(PushOutcome::remoteId).toList();
        List<CreditNotePush> first = IntStream.range(0, 3).mapToObj(i -> creditPush(CreditNote.cancelling(invoices.get(i), "CN-74" + i,
                DAY.plusDays(1), null), customer, invoiceIds.get(i))).toList();
        List<PushOutcome> created = provider.documents().pushCreditNotes(session, first);
        // what a crash between the memos' call and the applications' call leaves: the memos, without their applications
        for (QboPaymentSnapshot application : sandbox.payments(realm.realmId())) {
            deletePayment(application.id(), application.syncToken());
        }

        List<PushOutcome> resent = provider.documents().pushCreditNotes(session, first.stream().map(note -> session.creditNotePush(note.document(),
                key(note.document().hostId() + "-again"), note.creditNote(), customer, note.remoteInvoiceId(), true)).toList());

        assertThat(resent).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(resent).extracting(PushOutcome::remoteId).containsExactlyElementsOf(created.stream().map(PushOutcome::remoteId).toList());
        assertThat(resent).allSatisfy(outcome -> assertThat(outcome.note()).startsWith("applied"));
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(3);
        assertThat(sandbox.payments(realm.realmId()).stream().filter(payment -> !payment.deleted()).toList()).hasSize(3);
        assertThat(sandbox.invoices(realm.realmId())).allSatisfy(invoice -> assertThat(invoice.balance()).isEqualByComparingTo("0.00"));
    }

    @Test
    void aBatchOfOtherItemsUnderTheSameKeysIsAppliedForWhatItCarriesNotAnsweredWithAnotherBatchsStoredAnswer() {
        List<String> invoiceIds = invoices("FS-75");
        String customer = customerId("Northside Electrical");
        QuickBooksHttp http = new QuickBooksHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), clock);
        QboBatch batch = new QboBatch(new QuickBooksApi(settings(Duration.ofSeconds(5)), http));
        List<PushOutcome> created;
        try {
            batch.run(session, "payment", List.of(applied(customer, invoiceIds.get(0), "50.00", "K-1"), applied(customer, invoiceIds.get(1), "60.00", "K-2")));
            // the same documents' keys, re-chunked around other contents (what a changed request built from remote facts does)
            List<QboBatch.Answer> answers = batch.run(session, "payment", List.of(applied(customer, invoiceIds.get(2), "70.00", "K-1"),
                    applied(customer, invoiceIds.get(3), "80.00", "K-2")));
            created = answers.stream().map(answer -> PushOutcome.synced(DocumentRef.payment(ACME, "P"), answer.node().path("Id").asText(), null)).toList();
        } finally {
            http.close();
        }

        assertThat(sandbox.payments(realm.realmId())).hasSize(4);
        assertThat(created).extracting(PushOutcome::remoteId).as("answered for what the second batch carried")
                .containsExactly(paymentOn(invoiceIds.get(2)), paymentOn(invoiceIds.get(3)));
    }

    // ---- helpers

    /**
     * An earlier invoice of the same categories, so that the QBO items they map to exist before the push under test
     * (the first invoice creates them, and that write would take the dropped answer); its id.
     */
    private String itemsInPlace(String customer) {
        return provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-earlier", null, ProductCategory.LABOUR), customer))).get(0).remoteId();
    }

    private static QboBatch.Item applied(String customer, String invoiceId, String amount, String key) {
        return QboBatch.Item.create("Payment", new QboPayment(null, null, null, QboRef.of(customer), new BigDecimal(amount), null,
                DAY.toString(), null, null, List.of(QboLine.payment(new BigDecimal(amount), invoiceId, "Invoice")), null, null, null, null),
                key(key), null);
    }

    private String paymentOn(String invoiceId) {
        return sandbox.payments(realm.realmId()).stream().filter(payment -> payment.appliedTo().contains(invoiceId)).findFirst().orElseThrow().id();
    }

    /** 30 invoices of 242.00 numbered {@code prefix}00 to {@code prefix}29; their QBO ids. */
    private List<String> invoices(String prefix) {
        String customer = customerId("Northside Electrical");
        return provider.documents().pushInvoices(session, IntStream.range(0, BATCH)
                .mapToObj(i -> invoicePush(invoice("I-" + i, prefix + String.format("%02d", i), ProductCategory.LABOUR), customer)).toList())
                .stream().map(PushOutcome::remoteId).toList();
    }

    private static PaymentPush payment(String hostId, String invoiceId, String amount, String attempt, boolean reconcileFirst) {
        Payment payment = new Payment(hostId, "I-1", new BigDecimal(amount), DAY.plusDays(3), PaymentMethod.CASH, "ref-" + hostId, AUD, null);
        return new PaymentPush(DocumentRef.payment(ACME, hostId), key(hostId + "-" + attempt), payment, invoiceId, null, "1250", reconcileFirst);
    }
}
