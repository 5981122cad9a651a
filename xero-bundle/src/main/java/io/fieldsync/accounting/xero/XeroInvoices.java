package io.fieldsync.accounting.xero;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroValidationError;
import io.fieldsync.accounting.xero.wire.XeroInvoice;

/**
 * Invoices to Xero: new ones in one {@code PUT /Invoices} per batch, changed ones in one
 * {@code POST /Invoices} by InvoiceID; each element's outcome read from Xero's per-element answer.
 * An invoice whose earlier outcome is unknown is first looked up by number, so it is never created
 * twice; a duplicate number is linked only when the existing invoice is provably the same document.
 */
final class XeroInvoices {

    private final XeroApi api;

    XeroInvoices(XeroApi api) {
        this.api = api;
    }

    List<PushOutcome> push(ProviderSession session, List<InvoicePush> batch) {
        XeroMapper mapper = new XeroMapper(session.mappings(), session.settings());
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<String, XeroInvoice> existing = reconcile(session, batch);
        List<InvoicePush> creates = new ArrayList<>();
        List<InvoicePush> updates = new ArrayList<>();
        for (InvoicePush push : batch) {
            XeroInvoice found = push.invoice().number() == null ? null : existing.get(push.invoice().number());
            if (push.remoteInvoiceId() != null) {
                updates.add(push);
            } else if (found != null && sameDocument(push, found)) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.invoiceID(), found.invoiceNumber(),
                        "found in Xero by number after an unknown outcome; not sent again"));
            } else {
                creates.add(push);
            }
        }
        outcomes.addAll(send(session, "PUT", creates, mapper));
        outcomes.addAll(send(session, "POST", updates, mapper));
        return outcomes;
    }

    private List<PushOutcome> send(ProviderSession session, String method, List<InvoicePush> pushes, XeroMapper mapper) {
        if (pushes.isEmpty()) {
            return List.of();
        }
        List<XeroInvoice> invoices = pushes.stream()
                .map(push -> mapper.invoice(push.invoice(), push.remoteCustomerId(), push.remoteInvoiceId()))
                .toList();
        IdempotencyKey key = XeroApi.batchKey(pushes.stream().map(InvoicePush::key).toList());
        List<XeroInvoice> answered = api.written(api.write(session, method, "/Invoices", XeroEnvelope.ofInvoices(invoices), key,
                pushes.size() == 1 ? pushes.get(0).document() : null), "/Invoices", "Invoices").invoiceList();
        List<PushOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            InvoicePush push = pushes.get(i);
            XeroInvoice element = i < answered.size() ? answered.get(i) : null;
            outcomes.add(outcome(session, push, element));
        }
        return outcomes;
    }

    private PushOutcome outcome(ProviderSession session, InvoicePush push, XeroInvoice element) {
        if (element == null) {
            return PushOutcome.unknown(push.document(), "Xero's answer had no element for this invoice");
        }
        if (element.errors().isEmpty() && element.invoiceID() != null) {
            return PushOutcome.synced(push.document(), element.invoiceID(), element.invoiceNumber());
        }
        String messages = messages(element);
        if (push.invoice().number() != null && messages.toLowerCase(Locale.ROOT).contains("must be unique")) {
            Optional<XeroInvoice> holder = Optional.ofNullable(reconcileOne(session, push.invoice().number()));
            if (holder.isPresent() && sameDocument(push, holder.get())) {
                return PushOutcome.alreadyPresent(push.document(), holder.get().invoiceID(), holder.get().invoiceNumber(),
                        "the same invoice was already in Xero; linked, not duplicated");
            }
            return PushOutcome.failed(push.document(), new SyncError(ErrorCode.DUPLICATE_DOCUMENT,
                    ErrorCode.DUPLICATE_DOCUMENT.message("Invoice number " + push.invoice().number()), messages));
        }
        return PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED,
                "invoice " + Optional.ofNullable(push.invoice().number()).orElse(push.invoice().hostId())).withDetail(messages));
    }

    /** Invoices already in Xero under the numbers of pushes whose earlier outcome is unknown, by number. */
    private Map<String, XeroInvoice> reconcile(ProviderSession session, List<InvoicePush> batch) {
        List<String> numbers = batch.stream()
                .filter(push -> push.reconcileFirst() && push.remoteInvoiceId() == null && push.invoice().number() != null)
                .map(push -> push.invoice().number())
                .toList();
        Map<String, XeroInvoice> found = new HashMap<>();
        if (!numbers.isEmpty()) {
            for (XeroInvoice invoice : api.get(session, "/Invoices", Map.of("InvoiceNumbers", XeroApi.list(numbers), "page", "1")).invoiceList()) {
                if ("ACCREC".equals(invoice.type()) && !"DELETED".equals(invoice.status()) && !"VOIDED".equals(invoice.status())) {
                    found.put(invoice.invoiceNumber(), invoice);
                }
            }
        }
        return found;
    }

    private XeroInvoice reconcileOne(ProviderSession session, String number) {
        return api.get(session, "/Invoices", Map.of("InvoiceNumbers", number, "page", "1")).invoiceList().stream()
                .filter(invoice -> "ACCREC".equals(invoice.type()) && number.equals(invoice.invoiceNumber()))
                .filter(invoice -> !"DELETED".equals(invoice.status()) && !"VOIDED".equals(invoice.status()))
                .findFirst().orElse(null);
    }

    /**
     * Provably the same: same contact, same date, and the same line amounts (or, when Xero leaves the
     * lines out, the same amount before tax). Anything less is a different document that happens to
     * share the number.
     */
    private static boolean sameDocument(InvoicePush push, XeroInvoice remote) {
        boolean sameContact = remote.contact() != null && push.remoteCustomerId().equals(remote.contact().contactID());
        boolean sameDate = push.invoice().issueDate().equals(XeroDates.date(remote.date()));
        if (!sameContact || !sameDate) {
            return false;
        }
        if (remote.lineItems() != null && !remote.lineItems().isEmpty()) {
            List<BigDecimal> ours = push.invoice().lines().stream().map(line -> line.lineAmount().stripTrailingZeros()).sorted().toList();
            List<BigDecimal> theirs = remote.lineItems().stream()
                    .map(line -> line.lineAmount() == null ? BigDecimal.ZERO : line.lineAmount().stripTrailingZeros()).sorted().toList();
            return ours.equals(theirs);
        }
        BigDecimal beforeTax = "Inclusive".equals(remote.lineAmountTypes()) ? remote.total() : remote.subTotal();
        return beforeTax != null && beforeTax.compareTo(push.invoice().linesTotal()) == 0;
    }

    static String messages(XeroInvoice element) {
        return XeroValidationError.join(element.errors());
    }
}
