package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * Payments applied to their invoices, 30 to a batch call, into the mapped deposit account. What QuickBooks holds is
 * read first ({@link QboPaymentLedger}): a payment that may already be there from an attempt whose answer was lost is
 * looked for among the payments linked to its invoice, by the mark in their private note, before anything else is
 * decided, so a payment that completed its invoice is recognised as itself, not mistaken for "the invoice is paid".
 * Found, it is answered with its own id (changed in place first when the host changed it since); a payment synced
 * before and changed since is changed in place ({@link QboPaymentChanges}). Only then: an invoice already settled gets
 * no new payment, and an amount above what the invoice still owes is refused here with the numbers, rather than
 * becoming an unapplied credit in QBO.
 */
final class QboPayments {

    /** Intuit's API reference gives PaymentRefNum 21 characters; the whole reference also goes in the private note. */
    static final int MAX_REFERENCE = 21;

    private final QboBatch batch;
    private final QboLists lists;
    private final QboPaymentChanges changes;

    QboPayments(QboBatch batch, QboLists lists) {
        this.batch = batch;
        this.lists = lists;
        this.changes = new QboPaymentChanges(batch);
    }

    List<PushOutcome> push(ProviderSession session, List<PaymentPush> pushes) {
        QboPaymentLedger ledger = QboPaymentLedger.read(session, batch, pushes);
        Map<String, BigDecimal> owed = new HashMap<>();
        ledger.invoices().values().forEach(invoice -> owed.put(invoice.id(), amount(invoice.balance())));
        List<PushOutcome> outcomes = new ArrayList<>();
        List<PaymentPush> toCreate = new ArrayList<>();
        Map<PaymentPush, QboPayment> toChange = new java.util.LinkedHashMap<>();
        for (PaymentPush push : pushes) {
            QboInvoice invoice = ledger.invoices().get(push.remoteInvoiceId());
            if (push.remotePaymentId() != null) {
                Optional<SyncError> gone = ledger.unchangeable(push);
                if (gone.isPresent()) {
                    outcomes.add(PushOutcome.failed(push.document(), gone.get()));
                } else {
                    toChange.put(push, ledger.payments().get(push.remotePaymentId()));
                }
                continue;
            }
            Optional<QboPayment> found = push.reconcileFirst() ? ledger.marked(push) : Optional.empty();
            if (found.isPresent()) {
                toChange.put(push, found.get());
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
                outcomes.add(PushOutcome.failed(push.document(), overpaid(push, invoice, owed.get(invoice.id()))));
            } else {
                owed.put(invoice.id(), owed.get(invoice.id()).subtract(push.payment().amount()));
                toCreate.add(push);
            }
        }
        if (toCreate.isEmpty() && toChange.isEmpty()) {
            return outcomes;
        }
        QboLists.Lists current = lists.current(session);
        if (!toChange.isEmpty()) {
            outcomes.addAll(changes.apply(session, toChange, ledger, owed, current));
        }
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate, ledger, current));
        }
        return outcomes;
    }

    private List<PushOutcome> create(ProviderSession session, List<PaymentPush> pushes, QboPaymentLedger ledger, QboLists.Lists current) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<PaymentPush> sendable = new ArrayList<>();
        List<QboBatch.Item> items = new ArrayList<>();
        for (PaymentPush push : pushes) {
            Optional<String> account;
            try {
                account = depositAccount(current, push);
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
                continue;
            }
            sendable.add(push);
            items.add(QboBatch.Item.create("Payment", payment(push, ledger.invoices().get(push.remoteInvoiceId()), account.orElse(null)),
                    push.key(), push.document()));
        }
        List<QboBatch.Answer> answers = items.isEmpty() ? List.of() : batch.run(session, "payment", items);
        for (int i = 0; i < sendable.size(); i++) {
            outcomes.add(outcome(sendable.get(i), answers.get(i)));
        }
        return outcomes;
    }

    static PushOutcome outcome(PaymentPush push, QboBatch.Answer answer) {
        if (answer.ok()) {
            return PushOutcome.synced(push.document(), answer.node().path("Id").asText(), null);
        }
        if (answer.unknown() != null) {
            return answer.sent() ? PushOutcome.unknown(push.document(), answer.unknown()) : QboInvoices.notSent(push.document(), answer.unknown());
        }
        return PushOutcome.failed(push.document(), QboFaults.forDocument(answer.fault(), "payment " + push.payment().hostId()));
    }

    static SyncError overpaid(PaymentPush push, QboInvoice invoice, BigDecimal owed) {
        return new SyncError(ErrorCode.VALIDATION_FAILED, "Payment " + push.payment().hostId() + " of " + push.payment().amount().toPlainString()
                + " is more than the " + owed.toPlainString() + " invoice " + label(invoice) + " still owes in QuickBooks. Correct the "
                + "amount, or record the overpayment as a credit in QuickBooks.", "Balance " + owed.toPlainString());
    }

    /**
     * The account id for the deposit mapping (number, id or name), or empty for none: QBO then deposits into
     * Undeposited Funds (Finance.xsd, Payment.DepositToAccountRef).
     *
     * @throws DocumentRefused when the mapping names no active account
     */
    static Optional<String> depositAccount(QboLists.Lists current, PaymentPush push) {
        String key = push.depositAccount();
        if (key.isBlank()) {
            return Optional.empty();
        }
        QboAccount account = current.account(key.strip()).filter(found -> !Boolean.FALSE.equals(found.active()))
                .orElseThrow(() -> new DocumentRefused(SyncError.of(ErrorCode.MAPPING_MISSING, "Deposit account " + key + " for "
                        + push.payment().method() + " payments (not an active QuickBooks account)")));
        return Optional.of(account.id());
    }

    /** The payment as it must stand in QBO: its amount on its invoice, the date, the reference, the account, our mark. */
    static QboPayment payment(PaymentPush push, QboInvoice invoice, String accountId) {
        Payment payment = push.payment();
        String customer = push.remoteCustomerId() != null && !push.remoteCustomerId().isBlank() && invoice.customerId() == null
                ? push.remoteCustomerId() : invoice.customerId();
        return new QboPayment(null, null, null, QboRef.of(customer), payment.amount(), null, payment.date().toString(),
                reference(payment), QboRef.of(accountId), List.of(QboLine.payment(payment.amount(), invoice.id(), "Invoice")),
                note(push), QboRef.of(payment.currency().getCurrencyCode()), payment.exchangeRate(), null);
    }

    static String reference(Payment payment) {
        String reference = payment.reference();
        return reference != null && reference.length() > MAX_REFERENCE ? reference.substring(0, MAX_REFERENCE) : reference;
    }

    static String note(PaymentPush push) {
        String reference = push.payment().reference();
        return QboMarker.note(push.document(), reference != null && reference.length() > MAX_REFERENCE ? "reference " + reference : null);
    }

    static BigDecimal amount(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.HALF_UP);
    }

    static String label(QboInvoice invoice) {
        return invoice.docNumber() != null ? invoice.docNumber() : invoice.id();
    }
}
