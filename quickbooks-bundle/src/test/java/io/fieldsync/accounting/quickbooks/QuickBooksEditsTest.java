package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.sandbox.qbo.control.QboPaymentSnapshot;

/**
 * Issue 7, hole 4 for QuickBooks: a payment or credit note changed in the host after it synced changes the document
 * QuickBooks holds, in place, and is never joined by a second one.
 */
class QuickBooksEditsTest extends QboSandboxTestBase {

    @Test
    void quickBooksDeclaresThatItChangesPaymentsAlreadySent() {
        assertThat(provider.descriptor().supports(ProviderCapability.PAYMENT_UPDATES)).isTrue();
    }

    @Test
    void aChangedPaymentIsUpdatedInPlaceWithItsAmountDateReferenceAndAccountNeverCreatedTwice() {
        String invoiceId = invoice("FS-8101");
        PushOutcome sent = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CASH, "1250"))).get(0);
        proxy.exchanges.clear();

        Payment changed = new Payment("P-1", "I-1", new BigDecimal("150.00"), DAY.plusDays(5), PaymentMethod.CARD, "ref-P-1b", AUD, null);
        PushOutcome updated = provider.documents().pushPayments(session, List.of(changedPush(changed, invoiceId, "1100", sent.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(updated.remoteId()).isEqualTo(sent.remoteId());
        assertThat(sandbox.payments(realm.realmId())).singleElement().satisfies(payment -> {
            assertThat(payment.totalAmt()).isEqualByComparingTo("150.00");
            assertThat(payment.txnDate()).isEqualTo(DAY.plusDays(5));
            assertThat(payment.depositAccount()).isEqualTo("5");
            assertThat(payment.syncToken()).isEqualTo("1");
        });
        assertThat(balance("FS-8101")).isEqualByComparingTo("92.00");
        assertThat(apiCalls()).as("the invoice and the payment read in one call, the update in one more").hasSize(2);
        assertThat(exchangesTo("/batch").get(1).requestBody()).contains("\"sparse\":true").contains("\"SyncToken\":\"0\"");
    }

    @Test
    void aPaymentChangedInQuickBooksWhileItIsBeingChangedIsReadAgainAndUpdatedOnce() {
        String invoiceId = invoice("FS-8201");
        PushOutcome sent = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CASH, "1250"))).get(0);
        // someone edits the payment in QuickBooks between the provider's read and its update
        ProviderSession racing = new EditAfterFirstRead(session, () -> editReference(sent.remoteId(), "changed in QBO"));

        Payment changed = new Payment("P-1", "I-1", new BigDecimal("120.00"), DAY.plusDays(3), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome updated = provider.documents().pushPayments(racing, List.of(changedPush(changed, invoiceId, "1250", sent.remoteId(), false))).get(0);

        assertThat(updated.status()).as(String.valueOf(updated.error())).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(sandbox.payments(realm.realmId())).singleElement().satisfies(payment -> {
            assertThat(payment.totalAmt()).isEqualByComparingTo("120.00");
            assertThat(payment.syncToken()).as("the edit, then our update").isEqualTo("2");
        });
        assertThat(exchangesTo("/batch").stream().filter(exchange -> exchange.body().contains("\"5010\"")).toList())
                .as("one stale answer, then the retry").hasSize(1);
    }

    @Test
    void aChangedPaymentDeletedInQuickBooksIsATypedErrorThatSaysWhatToDoAndNothingIsCreated() throws Exception {
        String invoiceId = invoice("FS-8301");
        PushOutcome sent = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CASH, "1250"))).get(0);
        QboPaymentSnapshot remote = sandbox.payments(realm.realmId()).get(0);
        deletePayment(remote.id(), remote.syncToken());

        Payment changed = new Payment("P-1", "I-1", new BigDecimal("120.00"), DAY.plusDays(3), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome updated = provider.documents().pushPayments(session, List.of(changedPush(changed, invoiceId, "1250", sent.remoteId(), true))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(updated.error().code()).isEqualTo(ErrorCode.PREREQUISITE_MISSING);
        assertThat(updated.error().message()).contains("deleted in QuickBooks").contains("enter it again in QuickBooks by hand");
        assertThat(sandbox.payments(realm.realmId())).allSatisfy(payment -> assertThat(payment.deleted()).isTrue());
    }

    @Test
    void aChangedPaymentLinkedToAPaymentItNeverCreatedDoesNotChangeSomeoneElsesPayment() {
        String invoiceId = invoice("FS-8401");
        QboPaymentSnapshot byHand = sandbox.enterPayment(realm.realmId(), "FS-8401", new BigDecimal("50.00"), DAY);

        Payment changed = new Payment("P-1", "I-1", new BigDecimal("120.00"), DAY.plusDays(3), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome updated = provider.documents().pushPayments(session, List.of(changedPush(changed, invoiceId, "1250", byHand.id(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(updated.error().message()).contains("never created in QuickBooks by this product");
        assertThat(sandbox.payments(realm.realmId())).singleElement().satisfies(payment -> {
            assertThat(payment.totalAmt()).isEqualByComparingTo("50.00");
            assertThat(payment.syncToken()).isEqualTo("0");
        });
    }

    @Test
    void aChangedPaymentAboveWhatItsInvoiceOwesIsRefusedWithTheNumbers() {
        String invoiceId = invoice("FS-8501");
        PushOutcome sent = provider.documents().pushPayments(session, List.of(paymentPush("P-1", invoiceId, "100.00", PaymentMethod.CASH, "1250"))).get(0);

        Payment changed = new Payment("P-1", "I-1", new BigDecimal("250.00"), DAY.plusDays(3), PaymentMethod.CASH, "ref-P-1", AUD, null);
        PushOutcome updated = provider.documents().pushPayments(session, List.of(changedPush(changed, invoiceId, "1250", sent.remoteId(), false))).get(0);

        assertThat(updated.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(updated.error().message()).contains("250.00").contains("242.00");
        assertThat(sandbox.payments(realm.realmId())).singleElement().satisfies(payment -> assertThat(payment.totalAmt()).isEqualByComparingTo("100.00"));
    }

    // ---- credit notes

    @Test
    void quickBooksDeclaresThatItChangesCreditNotesAlreadySent() {
        assertThat(provider.descriptor().supports(ProviderCapability.CREDIT_NOTE_UPDATES)).isTrue();
    }

    @Test
    void aCreditNoteRaisedAfterSyncIsUpdatedInPlaceAndStaysAppliedWithItsNewAmount() {
        String invoiceId = invoice("FS-8601");
        PushOutcome sent = provider.documents().pushCreditNotes(session, List.of(creditPush(returned("2"), customerId("Northside Electrical"), invoiceId))).get(0);

        PushOutcome changed = provider.documents().pushCreditNotes(session, List.of(changedCredit(returned("4"), invoiceId, sent.remoteId(), false))).get(0);

        assertThat(sent.note()).startsWith("applied 27.5");
        assertThat(changed.status()).as(String.valueOf(changed.error())).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(changed.remoteId()).isEqualTo(sent.remoteId());
        assertThat(changed.note()).startsWith("applied 55");
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(1);
        assertThat(sandbox.payments(realm.realmId()).stream().filter(payment -> !payment.deleted()).toList()).singleElement()
                .satisfies(application -> assertThat(application.appliedTo()).contains(sent.remoteId(), invoiceId));
        assertThat(balance("FS-8601")).isEqualByComparingTo("187.00");
    }

    @Test
    void aCreditNoteLoweredAfterSyncIsUpdatedInPlaceAndStaysAppliedWithTheLowerAmount() {
        String invoiceId = invoice("FS-8701");
        PushOutcome sent = provider.documents().pushCreditNotes(session, List.of(creditPush(returned("4"), customerId("Northside Electrical"), invoiceId))).get(0);

        PushOutcome changed = provider.documents().pushCreditNotes(session, List.of(changedCredit(returned("1"), invoiceId, sent.remoteId(), false))).get(0);

        assertThat(changed.status()).as(String.valueOf(changed.error())).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(changed.remoteId()).isEqualTo(sent.remoteId());
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(1);
        assertThat(sandbox.payments(realm.realmId()).stream().filter(payment -> !payment.deleted()).toList()).hasSize(1);
        assertThat(balance("FS-8701")).isEqualByComparingTo("228.25");
    }

    @Test
    void aCreditNoteChangeCutOffAfterTheApplicationWasRemovedIsFinishedByTheNextAttempt() {
        String invoiceId = invoice("FS-8801");
        PushOutcome sent = provider.documents().pushCreditNotes(session, List.of(creditPush(returned("2"), customerId("Northside Electrical"), invoiceId))).get(0);
        // the removal is applied and its answer lost: the attempt stops there, in doubt
        sandbox.dropConnectionAfterApply(2);
        PushOutcome cut = provider.documents().pushCreditNotes(session, List.of(changedCredit(returned("4"), invoiceId, sent.remoteId(), false))).get(0);

        PushOutcome finished = provider.documents().pushCreditNotes(session, List.of(changedCredit(returned("4"), invoiceId, sent.remoteId(), true))).get(0);

        assertThat(cut.status()).isEqualTo(OutcomeStatus.UNKNOWN);
        assertThat(finished.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(finished.remoteId()).isEqualTo(sent.remoteId());
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isEqualTo(1);
        assertThat(sandbox.payments(realm.realmId()).stream().filter(payment -> !payment.deleted()).toList()).hasSize(1);
        assertThat(balance("FS-8801")).isEqualByComparingTo("187.00");
    }

    @Test
    void aChangedCreditNoteDeletedInQuickBooksIsATypedErrorThatSaysWhatToDoAndNothingIsCreated() throws Exception {
        String invoiceId = invoice("FS-8901");
        PushOutcome sent = provider.documents().pushCreditNotes(session, List.of(creditPush(returned("2"), customerId("Northside Electrical"), invoiceId))).get(0);
        QboPaymentSnapshot application = sandbox.payments(realm.realmId()).get(0);
        deletePayment(application.id(), application.syncToken());
        deleteCreditMemo(sent.remoteId());

        PushOutcome changed = provider.documents().pushCreditNotes(session, List.of(changedCredit(returned("4"), invoiceId, sent.remoteId(), true))).get(0);

        assertThat(changed.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(changed.error().code()).isEqualTo(ErrorCode.PREREQUISITE_MISSING);
        assertThat(changed.error().message()).contains("deleted in QuickBooks").contains("enter it again in QuickBooks by hand");
        assertThat(sandbox.counts(realm.realmId()).creditMemos()).isZero();
    }

    // ---- helpers

    /** Copper fittings returned: {@code count} × 12.50 plus GST. */
    private static CreditNote returned(String count) {
        return new CreditNote("CN-1", "I-1", "CN-1", DAY.plusDays(1), AmountType.TAX_EXCLUSIVE, List.of(InvoiceLine.of("Copper fittings returned",
                new BigDecimal(count), new BigDecimal("12.50"), ProductCategory.MATERIALS, List.of("GST"))), false, "returned");
    }

    private CreditNotePush changedCredit(CreditNote note, String invoiceId, String remoteCreditNoteId, boolean reconcileFirst) {
        return session.creditNotePush(new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, note.hostId()), key(note.hostId() + note.lines().get(0).quantity()),
                note, customerId("Northside Electrical"), invoiceId, reconcileFirst, remoteCreditNoteId);
    }

    private void deleteCreditMemo(String id) throws Exception {
        String base = sandbox.apiUrl() + "/v3/company/" + realm.realmId();
        HttpClient client = HttpClient.newHttpClient();
        String read = client.send(HttpRequest.newBuilder(URI.create(base + "/creditmemo/" + id + "?minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String syncToken = QuickBooksApi.JSON.readTree(read).path("CreditMemo").path("SyncToken").asText();
        HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(URI.create(base + "/creditmemo?operation=delete&minorversion=75"))
                .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"" + id + "\",\"SyncToken\":\"" + syncToken + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }

    private String invoice(String number) {
        return provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", number, ProductCategory.LABOUR),
                customerId("Northside Electrical")))).get(0).remoteId();
    }

    private static PaymentPush changedPush(Payment payment, String invoiceId, String account, String remotePaymentId, boolean reconcileFirst) {
        return new PaymentPush(DocumentRef.payment(ACME, payment.hostId()), key(payment.hostId() + payment.amount() + payment.date()), payment,
                invoiceId, null, account, reconcileFirst, remotePaymentId);
    }

    private void editReference(String paymentId, String reference) {
        QboPaymentSnapshot current = sandbox.payments(realm.realmId()).stream().filter(payment -> payment.id().equals(paymentId)).findFirst().orElseThrow();
        try {
            HttpResponse<String> edited = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/v3/company/"
                            + realm.realmId() + "/payment?minorversion=75"))
                    .header("Authorization", "Bearer " + session.accessToken()).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Id\":\"" + paymentId + "\",\"SyncToken\":\"" + current.syncToken()
                            + "\",\"sparse\":true,\"PaymentRefNum\":\"" + reference + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test's session, which lets someone edit QuickBooks once, right after the provider's first read. */
    private static final class EditAfterFirstRead implements ProviderSession {

        private final ProviderSession delegate;
        private Runnable edit;

        EditAfterFirstRead(ProviderSession delegate, Runnable edit) {
            this.delegate = delegate;
            this.edit = edit;
        }

        @Override
        public CompanyId company() {
            return delegate.company();
        }

        @Override
        public String tenantId() {
            return delegate.tenantId();
        }

        @Override
        public String accessToken() {
            return delegate.accessToken();
        }

        @Override
        public String refreshedAccessToken(String rejected) {
            return delegate.refreshedAccessToken(rejected);
        }

        @Override
        public void record(SyncLogEntry call) {
            delegate.record(call);
            if (edit != null && call.operation().contains("query")) {
                Runnable once = edit;
                edit = null;
                once.run();
            }
        }

        @Override
        public void observe(RateLimitObservation limits) {
            delegate.observe(limits);
        }

        @Override
        public Set<String> claimedByOthers(DocumentRef document, Collection<String> remoteIds) {
            return delegate.claimedByOthers(document, remoteIds);
        }
    }
}
