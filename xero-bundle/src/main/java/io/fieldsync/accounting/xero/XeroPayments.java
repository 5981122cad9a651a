package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.xero.wire.XeroAccountRef;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroInvoice;
import io.fieldsync.accounting.xero.wire.XeroPayment;
import io.fieldsync.accounting.xero.wire.XeroPaymentDeletion;
import io.fieldsync.accounting.xero.wire.XeroValidationError;

/**
 * Payments applied to their invoices in one {@code PUT /Payments?summarizeErrors=false} per batch, into the mapped
 * deposit account. A new payment is sent straight away: Xero checks the invoice itself (it must exist and be
 * AUTHORISED, and the amount must not exceed what it still owes: "Payment amount exceeds the amount outstanding on
 * this document", api-facts §3.1) and answers per element, so reading the invoices before every batch would spend a
 * call of Xero's 60 a minute on what is almost always an open invoice. The invoices are read only where the answer
 * depends on them:
 * <ul>
 *   <li>a payment whose earlier attempt may have reached Xero is looked for there before anything is written.
 *       A Xero payment carries no field for our mark, so it is recognised by invoice, amount, date and
 *       reference, among the invoice's payments no other document of the journal is linked to: two equal
 *       payments are never taken for one;</li>
 *   <li>a payment changed after it synced replaces the one it became: Xero payments cannot be changed, only
 *       deleted ({@code POST /Payments/{id}} with status DELETED), so the old one is deleted and the new one
 *       applied, and the document says so;</li>
 *   <li>a payment Xero refused is explained from its invoice, read after the refusal (one call for the refused
 *       ones of the batch): an invoice paid in Xero by someone else gets no payment and the document says so
 *       (a second one would be an overpayment); a voided, deleted or missing invoice says that.</li>
 * </ul>
 */
final class XeroPayments {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final XeroApi api;

    XeroPayments(XeroApi api) {
        this.api = api;
    }

    /** A payment to apply, and the one it replaces (null for a new payment). */
    private record Application(PaymentPush push, String replaces) {
    }

    List<PushOutcome> push(ProviderSession session, List<PaymentPush> batch) {
        List<PaymentPush> inDoubtOrChanged = batch.stream().filter(XeroPayments::needsTheInvoiceFirst).toList();
        Map<String, XeroInvoice> invoices = inDoubtOrChanged.isEmpty() ? Map.of() : invoices(session, inDoubtOrChanged);
        List<PushOutcome> outcomes = new ArrayList<>();
        List<Application> toApply = new ArrayList<>();
        Set<String> takenInThisBatch = new HashSet<>();
        for (PaymentPush push : batch) {
            if (!needsTheInvoiceFirst(push)) {
                toApply.add(new Application(push, null));
                continue;
            }
            XeroInvoice invoice = invoices.get(push.remoteInvoiceId());
            if (invoice == null) {
                outcomes.add(invoiceGone(push));
                continue;
            }
            Optional<XeroPayment> replaced = Optional.ofNullable(push.remotePaymentId()).flatMap(id -> onInvoice(invoice, id));
            Optional<XeroPayment> found = push.reconcileFirst() ? ours(session, push, invoice, takenInThisBatch) : Optional.empty();
            if (found.isPresent()) {
                takenInThisBatch.add(found.get().paymentID());
                if (replaced.isPresent()) {
                    // the new payment got there before the answer was lost; the old one must still go
                    PushOutcome deleted = delete(session, push, replaced.get());
                    if (deleted != null) {
                        outcomes.add(deleted);
                        continue;
                    }
                }
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.get().paymentID(), null,
                        "found on invoice " + invoice.invoiceNumber() + " in Xero after an unknown outcome; not sent again"));
            } else if (closed(invoice)) {
                outcomes.add(invoiceClosed(push, invoice));
            } else if ("PAID".equals(invoice.status()) && replaced.isEmpty()) {
                outcomes.add(paidElsewhere(push, invoice, "this payment was not sent"));
            } else {
                toApply.add(new Application(push, replaced.map(XeroPayment::paymentID).orElse(null)));
            }
        }
        outcomes.addAll(apply(session, toApply));
        return outcomes;
    }

    /** Lost answers and changed payments: what Xero already holds decides what is written, so it is read first. */
    private static boolean needsTheInvoiceFirst(PaymentPush push) {
        return push.reconcileFirst() || push.remotePaymentId() != null;
    }

    private Map<String, XeroInvoice> invoices(ProviderSession session, List<PaymentPush> pushes) {
        Map<String, XeroInvoice> invoices = new HashMap<>();
        api.get(session, "/Invoices", Map.of("IDs", XeroApi.list(pushes.stream().map(PaymentPush::remoteInvoiceId).distinct().toList())))
                .invoiceList().forEach(invoice -> invoices.put(invoice.invoiceID(), invoice));
        return invoices;
    }

    /**
     * Deletes the payments being replaced (one call each: Xero deletes payments one at a time), then applies
     * the payments in one call. A payment whose predecessor could not be deleted is not applied.
     */
    private List<PushOutcome> apply(ProviderSession session, List<Application> applications) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<Application> toSend = new ArrayList<>();
        for (Application application : applications) {
            if (application.replaces() != null) {
                PushOutcome refused = delete(session, application.push(), new XeroPayment(application.replaces(), null, null, null, null,
                        null, null, null, null, null, null));
                if (refused != null) {
                    outcomes.add(refused);
                    continue;
                }
            }
            toSend.add(application);
        }
        if (toSend.isEmpty()) {
            return outcomes;
        }
        List<XeroPayment> payments = toSend.stream().map(application -> payment(application.push())).toList();
        IdempotencyKey key = XeroApi.batchKey(toSend.stream().map(application -> application.push().key()).toList());
        List<XeroPayment> answered = api.written(api.write(session, "PUT", "/Payments", XeroEnvelope.ofPayments(payments), key,
                toSend.size() == 1 ? toSend.get(0).push().document() : null), "/Payments", "Payments").paymentList();
        Map<Integer, XeroPayment> refused = new HashMap<>();
        Set<String> appliedNow = new HashSet<>();
        for (int i = 0; i < toSend.size(); i++) {
            Application application = toSend.get(i);
            PaymentPush push = application.push();
            XeroPayment element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this payment"));
            } else if (element.errors().isEmpty() && element.paymentID() != null) {
                appliedNow.add(element.paymentID());
                PushOutcome synced = PushOutcome.synced(push.document(), element.paymentID(), null);
                outcomes.add(application.replaces() == null ? synced : synced.withNote("replaces payment " + application.replaces()
                        + ", deleted in Xero (Xero payments cannot be changed, only deleted and applied again)"));
            } else {
                refused.put(i, element);
            }
        }
        if (!refused.isEmpty()) {
            outcomes.addAll(explained(session, refused.keySet().stream().sorted().map(toSend::get).toList(),
                    refused.keySet().stream().sorted().map(refused::get).toList(), appliedNow));
        }
        return outcomes;
    }

    /**
     * Payments Xero refused, explained from their invoices as they are now (one read for all of them): gone, voided
     * or deleted, or paid by someone else, which is no failure of ours. An invoice that one of this batch's own
     * payments just paid is not "paid elsewhere": the refused payment is more than the invoice owed, and Xero's
     * words say so.
     */
    private List<PushOutcome> explained(ProviderSession session, List<Application> applications, List<XeroPayment> elements,
                                        Set<String> appliedNow) {
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<String, XeroInvoice> invoices;
        try {
            invoices = invoices(session, applications.stream().map(Application::push).toList());
        } catch (AccountingException unread) {
            // the refusals stand, but not why: the next attempt reads the invoice first and tells
            for (int i = 0; i < applications.size(); i++) {
                outcomes.add(PushOutcome.unknown(applications.get(i).push().document(), "Xero refused the payment ("
                        + XeroValidationError.join(elements.get(i).errors()) + ") and its invoice could not be read to tell why ("
                        + unread.getMessage() + "); the next attempt reads the invoice first"));
            }
            return outcomes;
        }
        for (int i = 0; i < applications.size(); i++) {
            Application application = applications.get(i);
            PaymentPush push = application.push();
            XeroInvoice invoice = invoices.get(push.remoteInvoiceId());
            boolean paidByThisBatch = invoice != null && invoice.paymentList().stream()
                    .anyMatch(payment -> appliedNow.contains(payment.paymentID()));
            if (invoice == null) {
                outcomes.add(invoiceGone(push));
            } else if (closed(invoice)) {
                outcomes.add(invoiceClosed(push, invoice));
            } else if ("PAID".equals(invoice.status()) && application.replaces() == null && !paidByThisBatch) {
                outcomes.add(paidElsewhere(push, invoice, "Xero refused this payment, so none was added"));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED,
                        "payment " + push.payment().hostId()).withDetail(XeroValidationError.join(elements.get(i).errors()))));
            }
        }
        return outcomes;
    }

    private static boolean closed(XeroInvoice invoice) {
        return "VOIDED".equals(invoice.status()) || "DELETED".equals(invoice.status());
    }

    private static PushOutcome invoiceGone(PaymentPush push) {
        return PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                "The paid invoice is no longer in Xero. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId()));
    }

    private static PushOutcome invoiceClosed(PaymentPush push, XeroInvoice invoice) {
        return PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice " + invoice.invoiceNumber()
                + " is " + invoice.status().toLowerCase(java.util.Locale.ROOT) + " in Xero, so the payment cannot be applied. "
                + "Record it by hand or refund it.", null));
    }

    private static PushOutcome paidElsewhere(PaymentPush push, XeroInvoice invoice, String what) {
        return PushOutcome.alreadyPresent(push.document(), invoice.invoiceID(), invoice.invoiceNumber(),
                "invoice " + invoice.invoiceNumber() + " is already paid in Xero; " + what);
    }

    /**
     * Deletes the payment a changed one replaces. Returns null when it is gone, else the outcome that stops the
     * replacement (refused: e.g. reconciled against a bank statement line; or unknown).
     */
    private PushOutcome delete(ProviderSession session, PaymentPush push, XeroPayment old) {
        try {
            List<XeroPayment> answered = api.written(api.writeOne(session, "/Payments/" + old.paymentID(), XeroPaymentDeletion.deleted(),
                    IdempotencyKey.derive(push.key().value(), "delete", old.paymentID()), push.document()), "/Payments", "Payments").paymentList();
            if (!answered.isEmpty() && !answered.get(0).errors().isEmpty()) {
                return PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Payment " + push.payment().hostId()
                        + " was changed after it was sent, and Xero refused to delete the payment it became (" + old.paymentID()
                        + ") so that the changed one can replace it. Xero keeps payments that are reconciled with a bank statement: "
                        + "unreconcile it in Xero, then retry.", XeroValidationError.join(answered.get(0).errors())));
            }
            return null;
        } catch (OutcomeUnknownException lost) {
            return PushOutcome.unknown(push.document(), "deleting the replaced payment " + old.paymentID() + ": " + lost.getMessage());
        } catch (AccountingException refused) {
            if (refused.code() != ErrorCode.VALIDATION_FAILED) {
                throw refused;
            }
            return PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Payment " + push.payment().hostId()
                    + " was changed after it was sent, and Xero refused to delete the payment it became (" + old.paymentID()
                    + "). Delete it in Xero by hand, then retry.", refused.error().detail()));
        }
    }

    /**
     * The payment on the invoice that is this push's: same amount, date and reference, not the one it replaces,
     * and not linked to another document of the journal nor taken by another push of this batch.
     */
    private static Optional<XeroPayment> ours(ProviderSession session, PaymentPush push, XeroInvoice invoice, Set<String> takenInThisBatch) {
        List<XeroPayment> alike = invoice.paymentList().stream()
                .filter(payment -> payment.paymentID() != null && !payment.paymentID().equals(push.remotePaymentId()))
                .filter(payment -> !takenInThisBatch.contains(payment.paymentID()))
                .filter(payment -> payment.amount() != null && payment.amount().compareTo(push.payment().amount()) == 0)
                .filter(payment -> push.payment().date().equals(XeroDates.date(payment.date())))
                .filter(payment -> Objects.equals(blankToNull(push.payment().reference()), blankToNull(payment.reference())))
                .toList();
        if (alike.isEmpty()) {
            return Optional.empty();
        }
        Set<String> claimed = session.claimedByOthers(push.document(), alike.stream().map(XeroPayment::paymentID).toList());
        return alike.stream().filter(payment -> !claimed.contains(payment.paymentID())).findFirst();
    }

    private static Optional<XeroPayment> onInvoice(XeroInvoice invoice, String paymentId) {
        return invoice.paymentList().stream().filter(payment -> paymentId.equals(payment.paymentID())).findFirst();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static XeroPayment payment(PaymentPush push) {
        String account = push.depositAccount();
        XeroAccountRef accountRef = UUID.matcher(account).matches() ? new XeroAccountRef(account, null) : new XeroAccountRef(null, account);
        return new XeroPayment(null, XeroInvoice.ref(push.remoteInvoiceId()), accountRef, XeroDates.format(push.payment().date()),
                push.payment().amount(), push.payment().exchangeRate(), push.payment().reference(), null, null, null, null);
    }
}
