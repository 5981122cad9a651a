package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.quickbooks.wire.QboAccount;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * Payments applied to their invoices, 30 to a batch call, into the mapped deposit account. The invoices are read
 * first (one batch call of queries, which also looks for payments whose earlier outcome is unknown by the mark in
 * their private note): an invoice already settled gets no payment, and an amount above what the invoice still
 * owes is refused here with the numbers, rather than becoming an unapplied credit in QBO.
 */
final class QboPayments {

    /** Intuit's API reference gives PaymentRefNum 21 characters; the whole reference also goes in the private note. */
    static final int MAX_REFERENCE = 21;

    private final QboBatch batch;
    private final QboLists lists;

    QboPayments(QboBatch batch, QboLists lists) {
        this.batch = batch;
        this.lists = lists;
    }

    List<PushOutcome> push(ProviderSession session, List<PaymentPush> pushes) {
        Map<String, QboInvoice> invoices = new HashMap<>();
        List<QboPayment> candidates = new ArrayList<>();
        read(session, pushes, invoices, candidates);
        Map<String, BigDecimal> owed = new HashMap<>();
        invoices.values().forEach(invoice -> owed.put(invoice.id(), invoice.balance() == null ? BigDecimal.ZERO.setScale(2)
                : invoice.balance().setScale(2, RoundingMode.HALF_UP)));
        List<PushOutcome> outcomes = new ArrayList<>();
        List<PaymentPush> toSend = new ArrayList<>();
        for (PaymentPush push : pushes) {
            QboInvoice invoice = invoices.get(push.remoteInvoiceId());
            Optional<QboPayment> found = push.reconcileFirst() ? candidates.stream()
                    .filter(payment -> QboMarker.marks(payment.privateNote(), push.document())).findFirst() : Optional.empty();
            if (found.isPresent()) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.get().id(), null,
                        "found in QuickBooks after an unknown outcome; not sent again"));
            } else if (invoice == null) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                        "The paid invoice is no longer in QuickBooks. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId())));
            } else if (QboInvoiceState.voided(invoice)) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice " + label(invoice)
                        + " is voided in QuickBooks, so the payment cannot be applied. Record it by hand or refund it.", null)));
            } else if (owed.get(invoice.id()).signum() == 0) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), invoice.id(), invoice.docNumber(),
                        "invoice " + label(invoice) + " is already paid in QuickBooks; this payment was not sent"));
            } else if (push.payment().amount().compareTo(owed.get(invoice.id())) > 0) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Payment "
                        + push.payment().hostId() + " of " + push.payment().amount().toPlainString() + " is more than the "
                        + owed.get(invoice.id()).toPlainString() + " invoice " + label(invoice) + " still owes in QuickBooks. Correct the "
                        + "amount, or record the overpayment as a credit in QuickBooks.", "Balance " + owed.get(invoice.id()).toPlainString())));
            } else {
                owed.put(invoice.id(), owed.get(invoice.id()).subtract(push.payment().amount()));
                toSend.add(push);
            }
        }
        if (toSend.isEmpty()) {
            return outcomes;
        }
        QboLists.Lists current = lists.current(session);
        List<PaymentPush> sendable = new ArrayList<>();
        List<QboBatch.Item> items = new ArrayList<>();
        for (PaymentPush push : toSend) {
            Optional<String> account;
            try {
                account = depositAccount(current, push);
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
                continue;
            }
            sendable.add(push);
            items.add(QboBatch.Item.create("Payment", payment(push, invoices.get(push.remoteInvoiceId()), account.orElse(null)),
                    push.key(), push.document()));
        }
        List<QboBatch.Answer> answers = items.isEmpty() ? List.of() : batch.run(session, "payment", items);
        for (int i = 0; i < sendable.size(); i++) {
            PaymentPush push = sendable.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (answer.ok()) {
                outcomes.add(PushOutcome.synced(push.document(), answer.node().path("Id").asText(), null));
            } else if (answer.unknown() != null) {
                outcomes.add(answer.sent() ? PushOutcome.unknown(push.document(), answer.unknown())
                        : QboInvoices.notSent(push.document(), answer.unknown()));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), QboFaults.forDocument(answer.fault(), "payment " + push.payment().hostId())));
            }
        }
        return outcomes;
    }

    /** The invoices paid, and the candidate payments of pushes whose earlier outcome is unknown: one batch call. */
    private void read(ProviderSession session, List<PaymentPush> pushes, Map<String, QboInvoice> invoices, List<QboPayment> candidates) {
        List<String> statements = new ArrayList<>();
        statements.add("select * from Invoice where Id in " + QuickBooksApi.in(pushes.stream().map(PaymentPush::remoteInvoiceId).distinct().toList())
                + " maxresults " + QuickBooksApi.MAX_RESULTS);
        List<PaymentPush> lost = pushes.stream().filter(PaymentPush::reconcileFirst).toList();
        if (!lost.isEmpty()) {
            // payments have no number to search by (DocNumber is not filterable on Payment): customer and date, then our mark
            statements.add("select * from Payment where TxnDate in "
                    + QuickBooksApi.in(lost.stream().map(push -> push.payment().date().toString()).distinct().toList())
                    + " maxresults " + QuickBooksApi.MAX_RESULTS);
        }
        List<JsonNode> answers = batch.queries(session, statements);
        QuickBooksApi.entities(answers.get(0), "Invoice", QboInvoice.class).forEach(invoice -> invoices.put(invoice.id(), invoice));
        if (answers.size() > 1) {
            candidates.addAll(QuickBooksApi.entities(answers.get(1), "Payment", QboPayment.class));
        }
    }

    /**
     * The account id for the deposit mapping (number, id or name), or empty for none: QBO then deposits into
     * Undeposited Funds (Finance.xsd, Payment.DepositToAccountRef).
     *
     * @throws DocumentRefused when the mapping names no active account
     */
    private static Optional<String> depositAccount(QboLists.Lists current, PaymentPush push) {
        String key = push.depositAccount();
        if (key.isBlank()) {
            return Optional.empty();
        }
        QboAccount account = current.account(key.strip()).filter(found -> !Boolean.FALSE.equals(found.active()))
                .orElseThrow(() -> new DocumentRefused(SyncError.of(ErrorCode.MAPPING_MISSING, "Deposit account " + key + " for "
                        + push.payment().method() + " payments (not an active QuickBooks account)")));
        return Optional.of(account.id());
    }

    private static QboPayment payment(PaymentPush push, QboInvoice invoice, String accountId) {
        Payment payment = push.payment();
        String reference = payment.reference();
        boolean longReference = reference != null && reference.length() > MAX_REFERENCE;
        String customer = push.remoteCustomerId() != null && !push.remoteCustomerId().isBlank() && invoice.customerId() == null
                ? push.remoteCustomerId() : invoice.customerId();
        return new QboPayment(null, null, QboRef.of(customer), payment.amount(), null, payment.date().toString(),
                longReference ? reference.substring(0, MAX_REFERENCE) : reference, QboRef.of(accountId),
                List.of(QboLine.payment(payment.amount(), invoice.id(), "Invoice")),
                QboMarker.note(push.document(), longReference ? "reference " + reference : null),
                QboRef.of(payment.currency().getCurrencyCode()), payment.exchangeRate(), null);
    }

    private static String label(QboInvoice invoice) {
        return invoice.docNumber() != null ? invoice.docNumber() : invoice.id();
    }
}
