package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;
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
 * Payments applied to their invoices, 30 to a batch call, into the mapped deposit account. A new payment for an invoice
 * of a known customer is sent straight away: QuickBooks checks it against the invoice itself (a payment line applies
 * at most the invoice's Balance, else fault 6000; api-facts §3.2, sandbox RULES.md), so reading every invoice first
 * would spend a batch call (and one request per invoice of the 500 a minute) on what is almost always an open
 * invoice. What QuickBooks holds is read first only where it decides what is written ({@link QboPaymentLedger}): a
 * payment that may already be there from an attempt whose answer was lost is looked for among the payments linked to
 * its invoice, by the mark in their private note, before anything else is decided, so a payment that completed its
 * invoice is recognised as itself, not mistaken for "the invoice is paid". Found, it is answered with its own id
 * (changed in place first when the host changed it since); a payment synced before and changed since is changed in
 * place ({@link QboPaymentChanges}). A payment QuickBooks refused is explained from its invoice, read after the
 * refusal: an invoice already settled by someone else gets no payment, an amount above what the invoice still owes
 * is refused with the numbers, a voided or missing invoice says so, and a payment refused only because the invoice
 * now belongs to another customer (customers merged in QuickBooks) is sent again for that customer.
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
        List<PaymentPush> straight = pushes.stream().filter(QboPayments::sentWithoutReading).toList();
        List<PaymentPush> read = pushes.stream().filter(push -> !sentWithoutReading(push)).toList();
        List<PushOutcome> outcomes = new ArrayList<>();
        if (!read.isEmpty()) {
            outcomes.addAll(pushAfterReading(session, read));
        }
        if (!straight.isEmpty()) {
            outcomes.addAll(pushStraight(session, straight));
        }
        return outcomes;
    }

    /** A new payment whose customer is known: nothing QuickBooks holds changes what is sent. */
    private static boolean sentWithoutReading(PaymentPush push) {
        return !push.reconcileFirst() && push.remotePaymentId() == null && push.remoteCustomerId() != null
                && !push.remoteCustomerId().isBlank();
    }

    private List<PushOutcome> pushStraight(ProviderSession session, List<PaymentPush> pushes) {
        Straight straight = straight(session, pushes);
        return answered(session, straight, straight.items().isEmpty() ? List.of() : batch.run(session, "payment", straight.items()));
    }

    /**
     * New payments of known customers, to go with the credit memos of the same turn in one {@code /batch} (its items may
     * be of different entities, Intuit BatchItemRequest): the ones sent straight are {@link Straight#items()}, whose
     * answers {@link #answered} reads; the others go through {@link #push} on their own.
     */
    Straight straight(ProviderSession session, List<PaymentPush> pushes) {
        if (pushes.isEmpty()) {
            return new Straight(List.of(), List.of(), List.of(), null);
        }
        QboLists.Lists current = lists.current(session);
        List<PushOutcome> outcomes = new ArrayList<>();
        List<PaymentPush> sent = new ArrayList<>();
        List<QboBatch.Item> items = new ArrayList<>();
        for (PaymentPush push : pushes) {
            try {
                String account = depositAccount(current, push).orElse(null);
                items.add(QboBatch.Item.create("Payment", payment(push, push.remoteCustomerId(), push.remoteInvoiceId(), account),
                        push.key(), push.document()));
                sent.add(push);
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
            }
        }
        return new Straight(sent, items, outcomes, current);
    }

    /** Straight payments prepared for a batch: those sent with their items, and the outcomes of those refused before. */
    record Straight(List<PaymentPush> sent, List<QboBatch.Item> items, List<PushOutcome> outcomes, QboLists.Lists current) {
    }

    /** Whether {@code push} is sent without reading what QuickBooks holds (see {@link #straight}). */
    static boolean straight(PaymentPush push) {
        return sentWithoutReading(push);
    }

    /** The outcomes of straight payments from their answers (in item order), refusals explained from their invoices. */
    List<PushOutcome> answered(ProviderSession session, Straight straight, List<QboBatch.Answer> answers) {
        List<PaymentPush> sent = straight.sent();
        QboLists.Lists current = straight.current();
        List<PushOutcome> outcomes = new ArrayList<>(straight.outcomes());
        List<PaymentPush> refused = new ArrayList<>();
        List<QboBatch.Answer> refusals = new ArrayList<>();
        java.util.Set<String> createdNow = new java.util.HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            QboBatch.Answer answer = answers.get(i);
            if (answer.fault() != null && answer.unknown() == null) {
                refused.add(sent.get(i));
                refusals.add(answer);
            } else {
                if (answer.ok()) {
                    createdNow.add(answer.node().path("Id").asText());
                }
                outcomes.add(outcome(sent.get(i), answer));
            }
        }
        if (!refused.isEmpty()) {
            outcomes.addAll(explained(session, refused, refusals, createdNow, current));
        }
        return outcomes;
    }

    /**
     * Payments QuickBooks refused, explained from their invoices as they are now (one batch call for all of them).
     * The invoice's Balance already counts the payments of this push that QuickBooks took ({@code createdNow}): an
     * invoice that one of them settled is no "paid elsewhere", the refused payment is more than it owed.
     */
    private List<PushOutcome> explained(ProviderSession session, List<PaymentPush> pushes, List<QboBatch.Answer> refusals,
                                        java.util.Set<String> createdNow, QboLists.Lists current) {
        QboPaymentLedger ledger;
        try {
            ledger = QboPaymentLedger.read(session, batch, pushes);
        } catch (AccountingException unread) {
            // the refusals stand, but not why: the next attempt reads the invoices first and tells
            List<PushOutcome> unknown = new ArrayList<>();
            for (int i = 0; i < pushes.size(); i++) {
                unknown.add(PushOutcome.unknown(pushes.get(i).document(), "QuickBooks refused the payment (" + refusals.get(i).fault().words()
                        + ") and its invoice could not be read to tell why (" + unread.getMessage() + "); the next attempt reads it first"));
            }
            return unknown;
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        List<PaymentPush> toOtherCustomer = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            PaymentPush push = pushes.get(i);
            QboInvoice invoice = ledger.invoices().get(push.remoteInvoiceId());
            BigDecimal owed = invoice == null ? null : amount(invoice.balance());
            if (invoice == null) {
                outcomes.add(invoiceGone(push));
            } else if (QboInvoiceState.voided(invoice)) {
                outcomes.add(invoiceVoided(push, invoice));
            } else if (owed.signum() == 0 && QboInvoiceState.paymentIds(invoice).stream().anyMatch(id -> !createdNow.contains(id))) {
                outcomes.add(paidAlready(push, invoice, "QuickBooks refused this payment, so none was added"));
            } else if (push.payment().amount().compareTo(owed) > 0) {
                outcomes.add(PushOutcome.failed(push.document(), overpaid(push, invoice, owed)));
            } else if (invoice.customerId() != null && !invoice.customerId().equals(push.remoteCustomerId())) {
                toOtherCustomer.add(push);
            } else {
                outcomes.add(PushOutcome.failed(push.document(), QboFaults.forDocument(refusals.get(i).fault(), "payment " + push.payment().hostId())));
            }
        }
        if (!toOtherCustomer.isEmpty()) {
            outcomes.addAll(create(session, toOtherCustomer, ledger, current));
        }
        return outcomes;
    }

    private List<PushOutcome> pushAfterReading(ProviderSession session, List<PaymentPush> pushes) {
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
                outcomes.add(invoiceGone(push));
            } else if (QboInvoiceState.voided(invoice)) {
                outcomes.add(invoiceVoided(push, invoice));
            } else if (owed.get(invoice.id()).signum() == 0) {
                outcomes.add(paidAlready(push, invoice, "this payment was not sent"));
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

    private static PushOutcome invoiceGone(PaymentPush push) {
        return PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                "The paid invoice is no longer in QuickBooks. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId()));
    }

    private static PushOutcome invoiceVoided(PaymentPush push, QboInvoice invoice) {
        return PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice " + label(invoice)
                + " is voided in QuickBooks, so the payment cannot be applied. Record it by hand or refund it.", null));
    }

    private static PushOutcome paidAlready(PaymentPush push, QboInvoice invoice, String what) {
        return PushOutcome.alreadyPresent(push.document(), invoice.id(), invoice.docNumber(),
                "invoice " + label(invoice) + " is already paid in QuickBooks; " + what);
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
        String customer = push.remoteCustomerId() != null && !push.remoteCustomerId().isBlank() && invoice.customerId() == null
                ? push.remoteCustomerId() : invoice.customerId();
        return payment(push, customer, invoice.id(), accountId);
    }

    private static QboPayment payment(PaymentPush push, String customer, String invoiceId, String accountId) {
        Payment payment = push.payment();
        return new QboPayment(null, null, null, QboRef.of(customer), payment.amount(), null, payment.date().toString(),
                reference(payment), QboRef.of(accountId), List.of(QboLine.payment(payment.amount(), invoiceId, "Invoice")),
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
