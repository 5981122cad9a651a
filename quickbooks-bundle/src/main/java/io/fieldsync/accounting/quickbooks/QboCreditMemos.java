package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.quickbooks.wire.QboCreditMemo;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * Cancellations and refunds: a CreditMemo (the same line mapping as invoices), then applied to its invoice with
 * a payment of zero that links both (QBO has no allocation endpoint, api-facts §3.2). Memos are created in one
 * batch call, their applications in the next (batch items cannot see each other's results). An application is
 * made only while the memo has credit left and the invoice still owes, so a resend never applies a memo twice.
 *
 * <p>The credited invoices are read first only for memos that need them: in doubt (reconciled by their mark), changed,
 * or in a currency other than the home one (the memo takes the invoice's exchange rate), or when the push does not say
 * the invoice's currency. A new home-currency memo is created without that read and its whole credit applied: QBO
 * checks the application against the invoice's Balance itself (fault 6000, "exceeds the balance"; the sandbox's
 * Payments rule after Intuit's payment-line validation), and only that refusal reads the invoice, to apply what it
 * still owes or to say why nothing was.
 */
final class QboCreditMemos {

    private final QboBatch batch;
    private final QboSalesLines salesLines;
    private final QboCreditMemoChanges changes;

    QboCreditMemos(QboBatch batch, QboSalesLines salesLines) {
        this.batch = batch;
        this.salesLines = salesLines;
        this.changes = new QboCreditMemoChanges(batch);
    }

    List<PushOutcome> push(ProviderSession session, List<CreditNotePush> pushes) {
        return push(session, pushes, items -> batch.run(session, "creditmemo", items));
    }

    /**
     * @param creations sends the batch that creates the new memos: alone, or with other writes of the same turn (the
     *                  items of one {@code /batch} may be of different entities, Intuit BatchItemRequest); answers in
     *                  item order, the memos' first
     */
    List<PushOutcome> push(ProviderSession session, List<CreditNotePush> pushes, Function<List<QboBatch.Item>, List<QboBatch.Answer>> creations) {
        Map<String, QboInvoice> invoices = new HashMap<>();
        List<QboCreditMemo> candidates = new ArrayList<>();
        Map<String, QboCreditMemo> changing = new HashMap<>();
        QboLists.Lists lists = salesLines.lists(session);
        List<CreditNotePush> unread = pushes.stream().filter(push -> !invoiceKnown(push, lists)).toList();
        if (!unread.isEmpty()) {
            read(session, unread, invoices, candidates, changing);
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<CreditNotePush, QboCreditMemo> toApply = new LinkedHashMap<>();
        Map<CreditNotePush, QboCreditMemo> toChange = new LinkedHashMap<>();
        List<CreditNotePush> toCreate = new ArrayList<>();
        for (CreditNotePush push : pushes) {
            String number = push.creditNote().number();
            boolean known = invoiceKnown(push, lists);
            Optional<QboCreditMemo> found = push.reconcileFirst() ? candidates.stream()
                    .filter(memo -> QboMarker.marks(memo.privateNote(), push.document())).findFirst() : Optional.empty();
            if (!known && !invoices.containsKey(push.remoteInvoiceId())) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                        "The credited invoice is no longer in QuickBooks. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId())));
            } else if (push.remoteCreditNoteId() != null) {
                Optional<SyncError> unchangeable = unchangeable(push, changing.get(push.remoteCreditNoteId()));
                if (unchangeable.isPresent()) {
                    outcomes.add(PushOutcome.failed(push.document(), unchangeable.get()));
                } else {
                    toChange.put(push, changing.get(push.remoteCreditNoteId()));
                }
            } else if (found.isPresent()) {
                toApply.put(push, found.get());
            } else if (push.keepHostNumber() && number != null && number.length() > QboInvoices.MAX_DOC_NUMBER) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Credit note number " + number
                        + " is longer than the " + QboInvoices.MAX_DOC_NUMBER + " characters QuickBooks Online allows. Shorten it, then retry.", null)));
            } else {
                toCreate.add(push);
            }
        }
        if (!toChange.isEmpty()) {
            outcomes.addAll(change(session, toChange, invoices, toApply));
        }
        Map<CreditNotePush, String> taxChanged = new HashMap<>();
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate, invoices, toApply, taxChanged, creations));
        }
        if (!toApply.isEmpty()) {
            outcomes.addAll(apply(session, toApply, invoices, push -> invoiceKnown(push, lists)));
        }
        return taxChanged.isEmpty() ? outcomes : outcomes.stream().map(outcome -> withTaxChange(outcome, pushes, taxChanged)).toList();
    }

    /** A synced memo whose tax Automated Sales Tax changed says so beside what its application says. */
    private static PushOutcome withTaxChange(PushOutcome outcome, List<CreditNotePush> pushes, Map<CreditNotePush, String> taxChanged) {
        if (outcome.status() != OutcomeStatus.SYNCED) {
            return outcome;
        }
        return pushes.stream().filter(push -> push.document().equals(outcome.document()) && taxChanged.containsKey(push)).findFirst()
                .map(push -> outcome.withNote(outcome.note() == null ? taxChanged.get(push) : outcome.note() + "; " + taxChanged.get(push)))
                .orElse(outcome);
    }

    /** Memos synced before and changed since: see {@link QboCreditMemoChanges}; what they end as is applied with the new ones. */
    private List<PushOutcome> change(ProviderSession session, Map<CreditNotePush, QboCreditMemo> targets, Map<String, QboInvoice> invoices,
                                     Map<CreditNotePush, QboCreditMemo> changed) {
        QboSalesLines.Prepared prepared = salesLines.prepare(session, targets.keySet().stream().map(CreditNotePush::lines).toList());
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<CreditNotePush, QboCreditMemo> sendable = new LinkedHashMap<>();
        Map<CreditNotePush, QboCreditMemo> bodies = new HashMap<>();
        targets.forEach((push, memo) -> {
            try {
                QboSalesForm form = prepared.form(push.lines(), push.creditNote().amountType(),
                        "credit note " + name(push.creditNote()));
                bodies.put(push, memo(push, form, invoices.get(push.remoteInvoiceId())));
                sendable.put(push, memo);
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
            } catch (DocumentWaits waits) {
                outcomes.add(waits.outcome(push.document()));
            }
        });
        if (!sendable.isEmpty()) {
            outcomes.addAll(changes.change(session, sendable, bodies, invoices, changed));
        }
        return outcomes;
    }

    /** Why the memo {@code push} changes cannot be changed in QBO, if it cannot. */
    private static Optional<SyncError> unchangeable(CreditNotePush push, QboCreditMemo remote) {
        if (remote == null) {
            return Optional.of(QboCreditMemoChanges.deleted(push));
        }
        if (remote.voided()) {
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, "Credit note " + push.creditNote().hostId() + " is voided in "
                    + "QuickBooks (credit memo " + remote.id() + "), and a voided memo is not changed, so its change was not sent. Enter "
                    + "the corrected credit in QuickBooks by hand, or remove it in the host.", remote.id()));
        }
        if (!QboMarker.marks(remote.privateNote(), push.document())) {
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, "Credit note " + push.creditNote().hostId() + " was never created "
                    + "in QuickBooks by this product (it is linked to QuickBooks record " + remote.id() + "), so its change was not sent. "
                    + "Record the change in QuickBooks by hand.", remote.id()));
        }
        return Optional.empty();
    }

    /** @param taxChanged filled with a remark for each memo whose tax Automated Sales Tax booked otherwise than sent */
    private List<PushOutcome> create(ProviderSession session, List<CreditNotePush> pushes, Map<String, QboInvoice> invoices,
                                     Map<CreditNotePush, QboCreditMemo> created, Map<CreditNotePush, String> taxChanged,
                                     Function<List<QboBatch.Item>, List<QboBatch.Answer>> creations) {
        QboSalesLines.Prepared prepared = salesLines.prepare(session, pushes.stream().map(CreditNotePush::lines).toList());
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CreditNotePush> sendable = new ArrayList<>();
        List<QboBatch.Item> items = new ArrayList<>();
        Map<CreditNotePush, QboCreditMemo> sent = new HashMap<>();
        for (CreditNotePush push : pushes) {
            try {
                QboSalesForm form = prepared.form(push.lines(), push.creditNote().amountType(),
                        "credit note " + name(push.creditNote()));
                QboCreditMemo memo = memo(push, form, invoices.get(push.remoteInvoiceId()));
                items.add(QboBatch.Item.create("CreditMemo", memo, push.key(), push.document()));
                sendable.add(push);
                sent.put(push, memo);
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
            } catch (DocumentWaits waits) {
                outcomes.add(waits.outcome(push.document()));
            }
        }
        List<QboBatch.Answer> answers = items.isEmpty() ? List.of() : creations.apply(items);
        for (int i = 0; i < sendable.size(); i++) {
            CreditNotePush push = sendable.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (answer.ok()) {
                QboCreditMemo memo = QuickBooksApi.read(answer.node(), QboCreditMemo.class);
                created.put(push, memo);
                String changedTax = QboAutomatedSalesTax.changedTax(sent.get(push).txnTaxDetail(), memo.txnTaxDetail(),
                        "credit note " + name(push.creditNote()));
                if (changedTax != null) {
                    taxChanged.put(push, changedTax);
                }
            } else if (answer.unknown() != null) {
                outcomes.add(answer.sent() ? PushOutcome.unknown(push.document(), answer.unknown())
                        : QboInvoices.notSent(push.document(), answer.unknown()));
            } else {
                SyncError error = QboFaults.forDocument(answer.fault(), "credit note " + name(push.creditNote()));
                if (error.code() == ErrorCode.MAPPING_MISSING || error.code() == ErrorCode.TAX_MAPPING_MISSING) {
                    salesLines.forget(session);
                }
                outcomes.add(PushOutcome.failed(push.document(), error));
            }
        }
        return outcomes;
    }

    /**
     * Applies each memo to its invoice, up to what both still hold. The memo exists whatever happens here, so
     * nothing may escape as an exception: an application whose answer is lost or that a limit held back leaves
     * the credit note UNKNOWN, and the next attempt finds the memo by its mark and applies what is left.
     */
    /** @param unread whether a memo's invoice was not read: its whole credit is applied, and only QBO's refusal reads it */
    private List<PushOutcome> apply(ProviderSession session, Map<CreditNotePush, QboCreditMemo> memos, Map<String, QboInvoice> invoices,
                                    Predicate<CreditNotePush> unread) {
        Map<String, BigDecimal> owed = new HashMap<>();
        invoices.values().forEach(invoice -> owed.put(invoice.id(), invoice.balance() == null ? BigDecimal.ZERO : invoice.balance()));
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CreditNotePush> applying = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        List<QboBatch.Item> items = new ArrayList<>();
        Map<CreditNotePush, QboCreditMemo> refusedUnread = new LinkedHashMap<>();
        for (Map.Entry<CreditNotePush, QboCreditMemo> entry : memos.entrySet()) {
            CreditNotePush push = entry.getKey();
            QboCreditMemo memo = entry.getValue();
            QboInvoice invoice = invoices.get(push.remoteInvoiceId());
            BigDecimal credit = memo.remainingCredit() != null ? memo.remainingCredit() : memo.totalAmt() == null ? BigDecimal.ZERO : memo.totalAmt();
            if (invoice == null && !unread.test(push)) {
                // read after QBO refused the whole credit, and the invoice is gone or voided since
                outcomes.add(PushOutcome.synced(push.document(), memo.id(), memo.docNumber()).withNote("credit memo created but not "
                        + "applied: the credited invoice is no longer open in QuickBooks, so the credit stays on the customer's account"));
                continue;
            }
            // an invoice not read: the whole credit, which QBO checks against the invoice's Balance
            String invoiceId = invoice == null ? push.remoteInvoiceId() : invoice.id();
            BigDecimal amount = invoice == null ? credit : credit.min(owed.get(invoiceId));
            if (amount.signum() <= 0) {
                outcomes.add(PushOutcome.synced(push.document(), memo.id(), memo.docNumber()).withNote(credit.signum() <= 0
                        ? "the credit memo is already applied in QuickBooks"
                        : "the invoice owes nothing, so the credit stays on the customer's account in QuickBooks"));
                continue;
            }
            if (invoice != null) {
                owed.put(invoiceId, owed.get(invoiceId).subtract(amount));
            }
            QboPayment application = new QboPayment(null, null, null, QboRef.of(invoice == null ? push.remoteCustomerId() : invoice.customerId()),
                    BigDecimal.ZERO.setScale(2), null, push.creditNote().date().toString(), null, null,
                    List.of(QboLine.payment(amount, invoiceId, "Invoice"), QboLine.payment(amount, memo.id(), "CreditMemo")),
                    QboMarker.note(push.document(), "credit application"), null, null, null);
            items.add(QboBatch.Item.create("Payment", application, IdempotencyKey.derive(push.key().value(), "apply", memo.id()), push.document()));
            applying.add(push);
            amounts.add(amount);
        }
        List<QboBatch.Answer> answers;
        try {
            answers = items.isEmpty() ? List.of() : batch.run(session, "creditmemo-apply", items);
        } catch (AccountingException held) {
            applying.forEach(push -> outcomes.add(applicationUnknown(push, memos.get(push), held.getMessage())));
            return outcomes;
        }
        for (int i = 0; i < applying.size(); i++) {
            CreditNotePush push = applying.get(i);
            QboCreditMemo memo = memos.get(push);
            QboBatch.Answer answer = answers.get(i);
            QboInvoice invoice = invoices.get(push.remoteInvoiceId());
            if (answer.ok()) {
                outcomes.add(PushOutcome.synced(push.document(), memo.id(), memo.docNumber())
                        .withNote("applied " + amounts.get(i).setScale(2, RoundingMode.HALF_UP).toPlainString() + " to invoice " + label(push, invoice)));
            } else if (answer.unknown() != null) {
                outcomes.add(applicationUnknown(push, memo, answer.unknown()));
            } else if (invoice == null) {
                refusedUnread.put(push, memo);
            } else {
                outcomes.add(PushOutcome.synced(push.document(), memo.id(), memo.docNumber()).withNote("credit memo created but QuickBooks "
                        + "refused to apply it to invoice " + label(push, invoice) + ": " + answer.fault().words() + "; apply it in QuickBooks"));
            }
        }
        if (!refusedUnread.isEmpty()) {
            outcomes.addAll(applyRead(session, refusedUnread));
        }
        return outcomes;
    }

    /**
     * QBO refused the whole credit of memos whose invoices were not read: an invoice owes less (paid or credited since),
     * or is voided or gone. One query reads them; what each still owes is applied, else the outcome says why not.
     */
    private List<PushOutcome> applyRead(ProviderSession session, Map<CreditNotePush, QboCreditMemo> refused) {
        Map<String, QboInvoice> invoices = new HashMap<>();
        try {
            List<JsonNode> answers = batch.queryAll(session, List.of("select * from Invoice where Id in "
                    + QuickBooksApi.in(refused.keySet().stream().map(CreditNotePush::remoteInvoiceId).distinct().toList())));
            QuickBooksApi.entities(answers.get(0), "Invoice", QboInvoice.class).stream()
                    .filter(invoice -> !QboInvoiceState.voided(invoice))
                    .forEach(invoice -> invoices.put(invoice.id(), invoice));
        } catch (AccountingException unread) {
            List<PushOutcome> outcomes = new ArrayList<>();
            refused.forEach((push, memo) -> outcomes.add(applicationUnknown(push, memo, unread.getMessage())));
            return outcomes;
        }
        return apply(session, refused, invoices, push -> false);
    }

    /**
     * Whether the push says what the memo needs of its invoice: its currency, the home one (a foreign memo takes the
     * invoice's exchange rate, which only QBO knows when the host gave none), for a new memo not in doubt.
     */
    private static boolean invoiceKnown(CreditNotePush push, QboLists.Lists lists) {
        if (push.invoiceCurrency() == null || push.reconcileFirst() || push.remoteCreditNoteId() != null) {
            return false;
        }
        return !lists.multiCurrency() || push.invoiceCurrency().getCurrencyCode().equals(lists.homeCurrency());
    }

    private static PushOutcome applicationUnknown(CreditNotePush push, QboCreditMemo memo, String why) {
        return new PushOutcome(push.document(), OutcomeStatus.UNKNOWN, null, null, new SyncError(ErrorCode.PROVIDER_UNAVAILABLE,
                "Credit memo " + memo.id() + " was created in QuickBooks; its application to the invoice is not confirmed and is checked "
                        + "on the next attempt.", why), null);
    }

    /**
     * The credited invoices, and the candidate memos of pushes an earlier attempt may have created: by number when
     * host numbers are kept, else every memo of their customers (all pages), then recognised by the mark in their
     * private note. Not by date: the host may have changed it since, and QBO cannot filter on the private note.
     * One batch call, more only for a customer with more than a page of memos.
     */
    private void read(ProviderSession session, List<CreditNotePush> pushes, Map<String, QboInvoice> invoices,
                      List<QboCreditMemo> candidates, Map<String, QboCreditMemo> changing) {
        List<String> statements = new ArrayList<>();
        statements.add("select * from Invoice where Id in " + QuickBooksApi.in(pushes.stream().map(CreditNotePush::remoteInvoiceId).distinct().toList()));
        List<String> changed = pushes.stream().map(CreditNotePush::remoteCreditNoteId).filter(id -> id != null).distinct().toList();
        if (!changed.isEmpty()) {
            statements.add("select * from CreditMemo where Id in " + QuickBooksApi.in(changed));
        }
        List<CreditNotePush> lost = pushes.stream().filter(push -> push.reconcileFirst() && push.remoteCreditNoteId() == null).toList();
        List<String> numbers = lost.stream().filter(push -> push.keepHostNumber() && push.creditNote().number() != null)
                .map(push -> push.creditNote().number()).distinct().toList();
        List<String> customers = lost.stream().filter(push -> !push.keepHostNumber() || push.creditNote().number() == null)
                .map(CreditNotePush::remoteCustomerId).distinct().toList();
        if (!numbers.isEmpty()) {
            statements.add("select * from CreditMemo where DocNumber in " + QuickBooksApi.in(numbers));
        }
        if (!customers.isEmpty()) {
            statements.add("select * from CreditMemo where CustomerRef in " + QuickBooksApi.in(customers));
        }
        List<JsonNode> answers = batch.queryAll(session, statements);
        QuickBooksApi.entities(answers.get(0), "Invoice", QboInvoice.class).stream()
                .filter(invoice -> !QboInvoiceState.voided(invoice))
                .forEach(invoice -> invoices.put(invoice.id(), invoice));
        int from = 1;
        if (!changed.isEmpty()) {
            QuickBooksApi.entities(answers.get(1), "CreditMemo", QboCreditMemo.class).forEach(memo -> changing.put(memo.id(), memo));
            from = 2;
        }
        answers.subList(from, answers.size()).forEach(answer -> candidates.addAll(QuickBooksApi.entities(answer, "CreditMemo", QboCreditMemo.class)));
    }

    /** @param invoice the credited invoice as read, or null: not read, the memo is in the home currency (no CurrencyRef) */
    private static QboCreditMemo memo(CreditNotePush push, QboSalesForm form, QboInvoice invoice) {
        CreditNote note = push.creditNote();
        return new QboCreditMemo(null, null, null, push.keepHostNumber() ? note.number() : null, note.date().toString(), QboRef.of(push.remoteCustomerId()),
                form.lines(), form.globalTaxCalculation(), invoice == null || invoice.currencyRef() == null ? null : QboRef.of(invoice.currencyRef().value()),
                invoice == null ? null : invoice.exchangeRate(), QboMarker.note(push.document(), note.reason()),
                note.reason() == null ? null : QboRef.of(note.reason()), form.txnTaxDetail(), null, null, null);
    }

    private static String name(CreditNote note) {
        return note.number() != null ? note.number() : note.hostId();
    }

    private static String label(CreditNotePush push, QboInvoice invoice) {
        if (invoice == null) {
            return push.creditNote().invoiceHostId();
        }
        return invoice.docNumber() != null ? invoice.docNumber() : invoice.id();
    }
}
