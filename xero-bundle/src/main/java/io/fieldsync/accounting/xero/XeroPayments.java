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
 * Payments applied to their invoices in one {@code PUT /Payments} per batch, into the mapped deposit
 * account. The invoices are read first, with the payments already on them:
 * <ul>
 *   <li>a payment whose earlier attempt may have reached Xero is looked for there before anything is written.
 *       A Xero payment carries no field for our mark, so it is recognised by invoice, amount, date and
 *       reference, among the invoice's payments no other document of the journal is linked to: two equal
 *       payments are never taken for one;</li>
 *   <li>a payment changed after it synced replaces the one it became: Xero payments cannot be changed, only
 *       deleted ({@code POST /Payments/{id}} with status DELETED), so the old one is deleted and the new one
 *       applied, and the document says so;</li>
 *   <li>an invoice already paid in Xero gets no payment (a second one would be refused, or worse, become an
 *       overpayment), and the document says why.</li>
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
        Map<String, XeroInvoice> invoices = new HashMap<>();
        api.get(session, "/Invoices", Map.of("IDs", XeroApi.list(batch.stream().map(PaymentPush::remoteInvoiceId).distinct().toList())))
                .invoiceList().forEach(invoice -> invoices.put(invoice.invoiceID(), invoice));
        List<PushOutcome> outcomes = new ArrayList<>();
        List<Application> toApply = new ArrayList<>();
        Set<String> takenInThisBatch = new HashSet<>();
        for (PaymentPush push : batch) {
            XeroInvoice invoice = invoices.get(push.remoteInvoiceId());
            if (invoice == null) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                        "The paid invoice is no longer in Xero. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId())));
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
            } else if ("VOIDED".equals(invoice.status()) || "DELETED".equals(invoice.status())) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice " + invoice.invoiceNumber()
                        + " is " + invoice.status().toLowerCase(java.util.Locale.ROOT) + " in Xero, so the payment cannot be applied. "
                        + "Record it by hand or refund it.", null)));
            } else if ("PAID".equals(invoice.status()) && replaced.isEmpty()) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), invoice.invoiceID(), invoice.invoiceNumber(),
                        "invoice " + invoice.invoiceNumber() + " is already paid in Xero; this payment was not sent"));
            } else {
                toApply.add(new Application(push, replaced.map(XeroPayment::paymentID).orElse(null)));
            }
        }
        outcomes.addAll(apply(session, toApply));
        return outcomes;
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
        for (int i = 0; i < toSend.size(); i++) {
            Application application = toSend.get(i);
            PaymentPush push = application.push();
            XeroPayment element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this payment"));
            } else if (element.errors().isEmpty() && element.paymentID() != null) {
                PushOutcome synced = PushOutcome.synced(push.document(), element.paymentID(), null);
                outcomes.add(application.replaces() == null ? synced : synced.withNote("replaces payment " + application.replaces()
                        + ", deleted in Xero (Xero payments cannot be changed, only deleted and applied again)"));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED,
                        "payment " + push.payment().hostId()).withDetail(XeroValidationError.join(element.errors()))));
            }
        }
        return outcomes;
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
