package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.quickbooks.wire.QboCreditMemo;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;

/**
 * Credit memos already in QuickBooks changed to what the host says now, staying applied to their invoice.
 * <p>
 * QBO has no allocation to edit: a memo is applied by a payment of zero linking it and the invoice (api-facts §3.2),
 * and a payment line cannot use more of a memo than its total (Payment.Line.LinkedTxn; the sandbox refuses a memo
 * total below what is applied, QBO's exact rule is unverified [U]). So the change goes in three steps, each a batch
 * call for the whole push: remove our application (delete the zero payment), update the memo (sparse, with its
 * SyncToken read after the removal; 5010 read again and retried once), apply the new credit up to what the invoice
 * owes. Every step starts from what QBO holds now, so an attempt cut off between two steps (a crash, a lost answer)
 * is finished by the next one, which the engine marks {@code reconcileFirst}: never a second memo, never the credit
 * applied twice. Between the first and last step the invoice shows the credit unapplied for a moment.
 */
final class QboCreditMemoChanges {

    private static final int IDS_PER_QUERY = 100;

    private final QboBatch batch;

    QboCreditMemoChanges(QboBatch batch) {
        this.batch = batch;
    }

    /**
     * @param targets each push's memo in QBO, read with the push's invoices
     * @param bodies each push's memo as it must stand (lines, date, number, note)
     * @param invoices the credited invoices, open ones only
     * @param applied what the memos end as, to be applied by the caller (filled here)
     */
    List<PushOutcome> change(ProviderSession session, Map<CreditNotePush, QboCreditMemo> targets, Map<CreditNotePush, QboCreditMemo> bodies,
                             Map<String, QboInvoice> invoices, Map<CreditNotePush, QboCreditMemo> applied) {
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<CreditNotePush, List<QboPayment>> applications = applications(session, targets, invoices);
        List<CreditNotePush> removing = new ArrayList<>();
        List<QboBatch.Item> removals = new ArrayList<>();
        for (Map.Entry<CreditNotePush, List<QboPayment>> entry : applications.entrySet()) {
            for (QboPayment application : entry.getValue()) {
                removing.add(entry.getKey());
                removals.add(QboBatch.Item.delete("Payment", new QboPayment(application.id(), application.syncToken(), null, null, null,
                        null, null, null, null, null, null, null, null, null), IdempotencyKey.derive(entry.getKey().key().value(), "unapply",
                        application.id(), String.valueOf(application.syncToken())), entry.getKey().document()));
            }
        }
        Set<CreditNotePush> held = new LinkedHashSet<>();
        if (!removals.isEmpty()) {
            List<QboBatch.Answer> answers = batch.run(session, "creditmemo-unapply", removals);
            for (int i = 0; i < removing.size(); i++) {
                CreditNotePush push = removing.get(i);
                QboBatch.Answer answer = answers.get(i);
                if (!answer.ok() && held.add(push)) {
                    outcomes.add(answer.unknown() != null ? QboInvoices.notSent(push.document(), answer.unknown())
                            : PushOutcome.failed(push.document(), QboFaults.forDocument(answer.fault(), "the application of credit note "
                            + push.creditNote().hostId() + " (removed before the memo is changed)")));
                }
            }
        }
        Map<CreditNotePush, QboCreditMemo> current = new LinkedHashMap<>();
        targets.forEach((push, memo) -> {
            if (!held.contains(push)) {
                current.put(push, memo);
            }
        });
        if (!removals.isEmpty() && !current.isEmpty()) {
            // the removal moved the memos' credit and the invoices' balance, and with them their SyncTokens
            reread(session, current, invoices);
        }
        outcomes.addAll(update(session, current, bodies, invoices, applied, true));
        return outcomes;
    }

    private List<PushOutcome> update(ProviderSession session, Map<CreditNotePush, QboCreditMemo> current, Map<CreditNotePush, QboCreditMemo> bodies,
                                     Map<String, QboInvoice> invoices, Map<CreditNotePush, QboCreditMemo> applied, boolean retryStale) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CreditNotePush> sendable = new ArrayList<>();
        for (Map.Entry<CreditNotePush, QboCreditMemo> entry : current.entrySet()) {
            if (entry.getValue() == null) {
                outcomes.add(PushOutcome.failed(entry.getKey().document(), deleted(entry.getKey())));
            } else {
                sendable.add(entry.getKey());
            }
        }
        if (sendable.isEmpty()) {
            return outcomes;
        }
        List<QboBatch.Answer> answers = batch.run(session, "creditmemo-update", sendable.stream().map(push -> {
            QboCreditMemo memo = current.get(push);
            // the SyncToken is part of the key: the retry after a 5010 must not be answered with the stored 5010
            return QboBatch.Item.update("CreditMemo", sparse(bodies.get(push), memo), IdempotencyKey.derive(push.key().value(),
                    "sync-token", String.valueOf(memo.syncToken())), push.document());
        }).toList());
        Map<CreditNotePush, QboCreditMemo> stale = new LinkedHashMap<>();
        for (int i = 0; i < sendable.size(); i++) {
            CreditNotePush push = sendable.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (answer.ok()) {
                applied.put(push, QuickBooksApi.read(answer.node(), QboCreditMemo.class));
            } else if (retryStale && answer.fault() != null && answer.fault().has(QboFaults.STALE_OBJECT)) {
                stale.put(push, current.get(push));
            } else if (answer.unknown() != null) {
                outcomes.add(answer.sent() ? PushOutcome.unknown(push.document(), answer.unknown()) : QboInvoices.notSent(push.document(), answer.unknown()));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), QboFaults.forDocument(answer.fault(), "credit note " + push.creditNote().hostId())));
            }
        }
        if (!stale.isEmpty()) {
            reread(session, stale, invoices);
            outcomes.addAll(update(session, stale, bodies, invoices, applied, false));
        }
        return outcomes;
    }

    /** Our applications of each memo: the zero payments linked to its invoice that use the memo and carry the push's mark. */
    private Map<CreditNotePush, List<QboPayment>> applications(ProviderSession session, Map<CreditNotePush, QboCreditMemo> targets,
                                                              Map<String, QboInvoice> invoices) {
        List<String> linked = targets.keySet().stream().map(push -> invoices.get(push.remoteInvoiceId())).filter(invoice -> invoice != null)
                .flatMap(invoice -> QboInvoiceState.paymentIds(invoice).stream()).distinct().toList();
        Map<String, QboPayment> payments = new HashMap<>();
        if (!linked.isEmpty()) {
            for (JsonNode answer : batch.queries(session, byIds("Payment", linked))) {
                QuickBooksApi.entities(answer, "Payment", QboPayment.class).forEach(payment -> payments.put(payment.id(), payment));
            }
        }
        Map<CreditNotePush, List<QboPayment>> found = new LinkedHashMap<>();
        targets.forEach((push, memo) -> found.put(push, payments.values().stream()
                .filter(payment -> !payment.voided() && payment.appliedTo("CreditMemo", memo.id()).signum() > 0)
                .filter(payment -> QboMarker.marks(payment.privateNote(), push.document())).toList()));
        return found;
    }

    /** The memos (null when gone) and their invoices as QBO holds them now: one batch call. */
    private void reread(ProviderSession session, Map<CreditNotePush, QboCreditMemo> memos, Map<String, QboInvoice> invoices) {
        List<String> memoIds = memos.values().stream().map(QboCreditMemo::id).distinct().toList();
        List<String> invoiceIds = memos.keySet().stream().map(CreditNotePush::remoteInvoiceId).distinct().toList();
        List<String> statements = new ArrayList<>(byIds("CreditMemo", memoIds));
        int memoQueries = statements.size();
        statements.addAll(byIds("Invoice", invoiceIds));
        List<JsonNode> answers = batch.queries(session, statements);
        Map<String, QboCreditMemo> read = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            if (i < memoQueries) {
                QuickBooksApi.entities(answers.get(i), "CreditMemo", QboCreditMemo.class).forEach(memo -> read.put(memo.id(), memo));
            } else {
                QuickBooksApi.entities(answers.get(i), "Invoice", QboInvoice.class).forEach(invoice -> invoices.put(invoice.id(), invoice));
            }
        }
        memos.replaceAll((push, memo) -> read.get(memo.id()));
    }

    /** Only what we own of the memo, with its identity; a Line sent replaces the memo's lines (api-facts §3.2). */
    private static QboCreditMemo sparse(QboCreditMemo body, QboCreditMemo remote) {
        return new QboCreditMemo(remote.id(), remote.syncToken(), true, body.docNumber(), body.txnDate(), body.customerRef(), body.line(),
                body.globalTaxCalculation(), null, null, body.privateNote(), body.customerMemo(), body.txnTaxDetail(), null, null, null);
    }

    static SyncError deleted(CreditNotePush push) {
        return new SyncError(ErrorCode.PREREQUISITE_MISSING, "Credit note " + push.creditNote().hostId() + " was deleted in QuickBooks after it "
                + "was sent (as credit memo " + push.remoteCreditNoteId() + "), so its change was not sent. If the credit is still owed, "
                + "enter it again in QuickBooks by hand; if it was deleted on purpose, remove it in the host.", push.remoteCreditNoteId());
    }

    static List<String> byIds(String entity, List<String> ids) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            statements.add("select * from " + entity + " where Id in " + QuickBooksApi.in(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    + " maxresults " + QuickBooksApi.MAX_RESULTS);
        }
        return statements;
    }
}
