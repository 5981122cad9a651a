package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;

/**
 * What QuickBooks holds for a push of payments: the invoices paid, the payments changed, and the payments of the
 * invoices whose earlier attempt may have reached QBO.
 * <p>
 * A payment has no number to search by and its private note cannot be filtered on (the query language filters
 * Payment on Id, TxnDate, CustomerRef and MetaData only), so it is found by what it did: every payment applied to an
 * invoice is in that invoice's {@code LinkedTxn} (TxnType Payment, Finance.xsd Transaction.LinkedTxn). Reading those by
 * {@code Id in (...)} finds the earlier attempt whatever its date (the host may have changed it since), however many
 * payments the company has on that date (a {@code TxnDate} query stops at 1,000 a page) and without a query per
 * customer. Two batch calls at most: the invoices and changed payments, then the linked payments not yet read.
 */
record QboPaymentLedger(Map<String, QboInvoice> invoices, Map<String, QboPayment> payments) {

    /** Ids per {@code in (...)}: a push of 30 payments whose invoices link a few payments each fits one query. */
    private static final int IDS_PER_QUERY = 100;

    static QboPaymentLedger read(ProviderSession session, QboBatch batch, List<PaymentPush> pushes) {
        List<String> invoiceIds = pushes.stream().map(PaymentPush::remoteInvoiceId).distinct().toList();
        List<String> changed = pushes.stream().map(PaymentPush::remotePaymentId).filter(id -> id != null).distinct().toList();
        List<String> statements = new ArrayList<>(byIds("Invoice", invoiceIds));
        int invoiceQueries = statements.size();
        statements.addAll(byIds("Payment", changed));
        List<JsonNode> answers = batch.queries(session, statements);
        Map<String, QboInvoice> invoices = new HashMap<>();
        Map<String, QboPayment> payments = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            if (i < invoiceQueries) {
                QuickBooksApi.entities(answers.get(i), "Invoice", QboInvoice.class).forEach(invoice -> invoices.put(invoice.id(), invoice));
            } else {
                QuickBooksApi.entities(answers.get(i), "Payment", QboPayment.class).forEach(payment -> payments.put(payment.id(), payment));
            }
        }
        Set<String> linked = new LinkedHashSet<>();
        pushes.stream().filter(push -> push.reconcileFirst() && push.remotePaymentId() == null)
                .map(push -> invoices.get(push.remoteInvoiceId())).filter(invoice -> invoice != null)
                .forEach(invoice -> linked.addAll(QboInvoiceState.paymentIds(invoice)));
        linked.removeAll(payments.keySet());
        if (!linked.isEmpty()) {
            for (JsonNode answer : batch.queries(session, byIds("Payment", List.copyOf(linked)))) {
                QuickBooksApi.entities(answer, "Payment", QboPayment.class).forEach(payment -> payments.put(payment.id(), payment));
            }
        }
        return new QboPaymentLedger(invoices, payments);
    }

    /** The payment an earlier attempt of {@code push} created: applied to its invoice and carrying its mark. */
    Optional<QboPayment> marked(PaymentPush push) {
        QboInvoice invoice = invoices.get(push.remoteInvoiceId());
        if (invoice == null) {
            return Optional.empty();
        }
        return QboInvoiceState.paymentIds(invoice).stream().map(payments::get).filter(payment -> payment != null)
                .filter(payment -> !payment.voided() && QboMarker.marks(payment.privateNote(), push.document())).findFirst();
    }

    /** Why the payment {@code push} changes cannot be changed in QBO, if it cannot. */
    Optional<SyncError> unchangeable(PaymentPush push) {
        QboPayment remote = payments.get(push.remotePaymentId());
        String name = push.payment().hostId();
        if (remote == null) {
            return Optional.of(new SyncError(ErrorCode.PREREQUISITE_MISSING, "Payment " + name + " was deleted in QuickBooks after it "
                    + "was sent (as payment " + push.remotePaymentId() + "), so its change was not sent. If it is still owed, enter it "
                    + "again in QuickBooks by hand; if it was deleted on purpose, remove it in the host.", push.remotePaymentId()));
        }
        if (remote.voided()) {
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, "Payment " + name + " is voided in QuickBooks (payment "
                    + remote.id() + "), and QuickBooks does not change a voided payment, so its change was not sent. Enter the "
                    + "corrected payment in QuickBooks by hand, or remove it in the host.", push.remotePaymentId()));
        }
        if (!QboMarker.marks(remote.privateNote(), push.document())) {
            // the journal's remote id is not a payment this document created (e.g. the paid invoice it was linked to
            // when the invoice was already settled): changing it would change someone else's payment
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, "Payment " + name + " was never created in QuickBooks by "
                    + "this product (it was linked to QuickBooks record " + push.remotePaymentId() + " without being sent), so its "
                    + "change was not sent. Record the change in QuickBooks by hand.", push.remotePaymentId()));
        }
        return Optional.empty();
    }

    /** The payments with these ids as they are now (after a 5010 someone else changed them). */
    static Map<String, QboPayment> reread(ProviderSession session, QboBatch batch, List<String> ids) {
        Map<String, QboPayment> found = new HashMap<>();
        for (JsonNode answer : batch.queries(session, byIds("Payment", ids))) {
            QuickBooksApi.entities(answer, "Payment", QboPayment.class).forEach(payment -> found.put(payment.id(), payment));
        }
        return found;
    }

    private static List<String> byIds(String entity, List<String> ids) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            statements.add("select * from " + entity + " where Id in " + QuickBooksApi.in(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    + " maxresults " + QuickBooksApi.MAX_RESULTS);
        }
        return statements;
    }
}
