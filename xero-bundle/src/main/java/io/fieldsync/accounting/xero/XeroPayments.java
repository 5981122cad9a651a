package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.xero.wire.XeroAccountRef;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroValidationError;
import io.fieldsync.accounting.xero.wire.XeroInvoice;
import io.fieldsync.accounting.xero.wire.XeroPayment;

/**
 * Payments applied to their invoices in one {@code PUT /Payments} per batch, into the mapped
 * deposit account. The invoices are read first: one already paid in Xero gets no payment (a second
 * one would be refused, or worse, become an overpayment), and the document says why.
 */
final class XeroPayments {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final XeroApi api;

    XeroPayments(XeroApi api) {
        this.api = api;
    }

    List<PushOutcome> push(ProviderSession session, List<PaymentPush> batch) {
        Map<String, XeroInvoice> invoices = new HashMap<>();
        api.get(session, "/Invoices", Map.of("IDs", XeroApi.list(batch.stream().map(PaymentPush::remoteInvoiceId).distinct().toList())))
                .invoiceList().forEach(invoice -> invoices.put(invoice.invoiceID(), invoice));
        List<PushOutcome> outcomes = new ArrayList<>();
        List<PaymentPush> toSend = new ArrayList<>();
        for (PaymentPush push : batch) {
            XeroInvoice invoice = invoices.get(push.remoteInvoiceId());
            if (invoice == null) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                        "The paid invoice is no longer in Xero. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId())));
            } else if ("PAID".equals(invoice.status())) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), invoice.invoiceID(), invoice.invoiceNumber(),
                        "invoice " + invoice.invoiceNumber() + " is already paid in Xero; this payment was not sent"));
            } else if (push.reconcileFirst() && alreadyApplied(push, invoice) != null) {
                XeroPayment found = alreadyApplied(push, invoice);
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.paymentID(), null,
                        "found on the invoice in Xero after an unknown outcome; not sent again"));
            } else {
                toSend.add(push);
            }
        }
        if (toSend.isEmpty()) {
            return outcomes;
        }
        List<XeroPayment> payments = toSend.stream().map(XeroPayments::payment).toList();
        IdempotencyKey key = XeroApi.batchKey(toSend.stream().map(PaymentPush::key).toList());
        List<XeroPayment> answered = api.written(api.write(session, "PUT", "/Payments", XeroEnvelope.ofPayments(payments), key,
                toSend.size() == 1 ? toSend.get(0).document() : null), "/Payments", "Payments").paymentList();
        for (int i = 0; i < toSend.size(); i++) {
            PaymentPush push = toSend.get(i);
            XeroPayment element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this payment"));
            } else if (element.errors().isEmpty() && element.paymentID() != null) {
                outcomes.add(PushOutcome.synced(push.document(), element.paymentID(), null));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED,
                        "payment " + push.payment().hostId()).withDetail(XeroValidationError.join(element.errors()))));
            }
        }
        return outcomes;
    }

    /** The payment on the invoice with this payment's amount, date and reference, or null. */
    private static XeroPayment alreadyApplied(PaymentPush push, XeroInvoice invoice) {
        return invoice.paymentList().stream()
                .filter(payment -> payment.amount() != null && payment.amount().compareTo(push.payment().amount()) == 0)
                .filter(payment -> push.payment().date().equals(XeroDates.date(payment.date())))
                .filter(payment -> push.payment().reference() == null || push.payment().reference().equals(payment.reference()))
                .findFirst().orElse(null);
    }

    private static XeroPayment payment(PaymentPush push) {
        String account = push.depositAccount();
        XeroAccountRef accountRef = UUID.matcher(account).matches() ? new XeroAccountRef(account, null) : new XeroAccountRef(null, account);
        return new XeroPayment(null, XeroInvoice.ref(push.remoteInvoiceId()), accountRef, XeroDates.format(push.payment().date()),
                push.payment().amount(), push.payment().exchangeRate(), push.payment().reference(), null, null, null, null);
    }
}
