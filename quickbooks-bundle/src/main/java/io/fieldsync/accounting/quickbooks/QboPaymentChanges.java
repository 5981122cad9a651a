package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.quickbooks.wire.QboAccount;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * Payments already in QuickBooks brought to what the host says now: one changed after it synced, or one an earlier
 * attempt created whose answer was lost. Each is a sparse update of that payment ({@code Id}, its current
 * {@code SyncToken}, {@code sparse:true}, api-facts §3.2 and §6) carrying the amount, date, reference, deposit
 * account, customer and its one line on the invoice; a {@code Line} sent replaces the payment's lines, so the payment
 * never ends up applied twice. A payment already as wanted is not written. A stale SyncToken (5010: someone changed
 * the payment meanwhile) is read again and the update retried once. Never a second payment.
 */
final class QboPaymentChanges {

    private final QboBatch batch;

    QboPaymentChanges(QboBatch batch) {
        this.batch = batch;
    }

    /**
     * @param remotes each push's payment in QBO
     * @param owed what each invoice still owes, lowered here by the amounts applied
     */
    List<PushOutcome> apply(ProviderSession session, Map<PaymentPush, QboPayment> remotes, QboPaymentLedger ledger,
                            Map<String, BigDecimal> owed, QboLists.Lists lists) {
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<PaymentPush, QboPayment> wanted = new LinkedHashMap<>();
        for (Map.Entry<PaymentPush, QboPayment> entry : remotes.entrySet()) {
            PaymentPush push = entry.getKey();
            QboPayment remote = entry.getValue();
            QboInvoice invoice = ledger.invoices().get(push.remoteInvoiceId());
            if (invoice == null || QboInvoiceState.voided(invoice)) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING, "The invoice payment "
                        + push.payment().hostId() + " pays is no longer open in QuickBooks (deleted or voided there), so the payment "
                        + "(QuickBooks payment " + remote.id() + ") was not changed. Correct the invoice or the payment in the host.",
                        push.remoteInvoiceId())));
                continue;
            }
            QboPayment target;
            try {
                target = QboPayments.payment(push, invoice, QboPayments.depositAccount(lists, push).orElseGet(() -> undeposited(lists)));
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
                continue;
            }
            if (same(remote, target, invoice.id())) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), remote.id(), null, push.remotePaymentId() == null
                        ? "found in QuickBooks after an earlier attempt; not sent again"
                        : "already as changed in QuickBooks; nothing sent"));
                continue;
            }
            BigDecimal available = owed.get(invoice.id()).add(remote.appliedTo("Invoice", invoice.id()));
            if (push.payment().amount().compareTo(available) > 0) {
                outcomes.add(PushOutcome.failed(push.document(), QboPayments.overpaid(push, invoice, available)));
                continue;
            }
            owed.put(invoice.id(), available.subtract(push.payment().amount()));
            wanted.put(push, target);
        }
        outcomes.addAll(update(session, wanted, remotes, true));
        return outcomes;
    }

    private List<PushOutcome> update(ProviderSession session, Map<PaymentPush, QboPayment> wanted, Map<PaymentPush, QboPayment> remotes,
                                     boolean retryStale) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<PaymentPush> pushes = new ArrayList<>(wanted.keySet());
        List<QboBatch.Item> items = pushes.stream().map(push -> {
            QboPayment remote = remotes.get(push);
            // the SyncToken is part of the key: the retry after a 5010 must not be answered with the stored 5010
            return QboBatch.Item.update("Payment", sparse(wanted.get(push), remote),
                    IdempotencyKey.derive(push.key().value(), "sync-token", String.valueOf(remote.syncToken())), push.document());
        }).toList();
        List<QboBatch.Answer> answers = batch.run(session, "payment-update", items);
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<PaymentPush, QboPayment> stale = new LinkedHashMap<>();
        for (int i = 0; i < pushes.size(); i++) {
            PaymentPush push = pushes.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (retryStale && answer.fault() != null && answer.fault().has(QboFaults.STALE_OBJECT)) {
                stale.put(push, wanted.get(push));
            } else if (answer.ok()) {
                outcomes.add(PushOutcome.synced(push.document(), remotes.get(push).id(), null).withNote(push.remotePaymentId() == null
                        ? "found in QuickBooks after an earlier attempt and brought up to date"
                        : "changed in place in QuickBooks"));
            } else {
                outcomes.add(QboPayments.outcome(push, answer));
            }
        }
        if (!stale.isEmpty()) {
            Map<String, QboPayment> now = QboPaymentLedger.reread(session, batch, stale.keySet().stream().map(push -> remotes.get(push).id()).toList());
            Map<PaymentPush, QboPayment> again = new LinkedHashMap<>();
            Map<PaymentPush, QboPayment> current = new LinkedHashMap<>();
            for (PaymentPush push : stale.keySet()) {
                QboPayment read = now.get(remotes.get(push).id());
                if (read == null) {
                    outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING, "Payment "
                            + push.payment().hostId() + " was deleted in QuickBooks while it was being changed; its change was not "
                            + "sent. If it is still owed, enter it again in QuickBooks by hand.", remotes.get(push).id())));
                } else {
                    again.put(push, stale.get(push));
                    current.put(push, read);
                }
            }
            outcomes.addAll(update(session, again, current, false));
        }
        return outcomes;
    }

    /** Only what we own of the payment, with its identity: a sparse update leaves everything else as QBO has it. */
    private static QboPayment sparse(QboPayment target, QboPayment remote) {
        return new QboPayment(remote.id(), remote.syncToken(), true, target.customerRef(), target.totalAmt(), null, target.txnDate(),
                target.paymentRefNum(), target.depositToAccountRef(), target.line(), target.privateNote(), null, null, null);
    }

    private static boolean same(QboPayment remote, QboPayment target, String invoiceId) {
        return remote.totalAmt() != null && remote.totalAmt().compareTo(target.totalAmt()) == 0
                && remote.lines().size() == 1 && remote.appliedTo("Invoice", invoiceId).compareTo(target.totalAmt()) == 0
                && Objects.equals(remote.txnDate(), target.txnDate())
                && Objects.equals(blankToNull(remote.paymentRefNum()), blankToNull(target.paymentRefNum()))
                && Objects.equals(remote.customerId(), target.customerId())
                && Objects.equals(value(remote.depositToAccountRef()), value(target.depositToAccountRef()))
                && Objects.equals(remote.privateNote(), target.privateNote());
    }

    /** Undeposited Funds, where QBO puts a payment without an account: named on an update so that a mapping removed since applies. */
    private static String undeposited(QboLists.Lists lists) {
        return lists.accounts().stream().filter(account -> "UndepositedFunds".equals(account.accountSubType())).map(QboAccount::id)
                .findFirst().orElse(null);
    }

    private static String value(QboRef ref) {
        return ref == null ? null : ref.value();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
