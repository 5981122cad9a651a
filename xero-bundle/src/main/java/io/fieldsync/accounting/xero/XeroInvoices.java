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
 * An invoice whose earlier attempt may have reached Xero is first looked up, so it is never created
 * twice: by number when the host's numbers are kept, else (Xero numbered it) among the contact's
 * invoices of that date by content, skipping those another document of the journal is linked to. A
 * duplicate number is linked only when the existing invoice is provably the same document.
 */
final class XeroInvoices {

    private final XeroApi api;
    private final XeroTaxTypes taxTypes;

    XeroInvoices(XeroApi api, XeroTaxTypes taxTypes) {
        this.api = api;
        this.taxTypes = taxTypes;
    }

    List<PushOutcome> push(ProviderSession session, List<InvoicePush> batch) {
        XeroMapper mapper = new XeroMapper(() -> taxTypes.untaxedSales(session));
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<String, XeroInvoice> byNumber = reconcile(session, batch.stream().filter(InvoicePush::keepHostNumber).toList());
        List<XeroInvoice> byContact = candidatesByContact(session, batch.stream().filter(push -> !push.keepHostNumber()).toList());
        java.util.Set<String> taken = new java.util.HashSet<>();
        List<InvoicePush> creates = new ArrayList<>();
        List<InvoicePush> updates = new ArrayList<>();
        for (InvoicePush push : batch) {
            boolean keepNumbers = push.keepHostNumber();
            Optional<XeroInvoice> found = push.remoteInvoiceId() != null || !push.reconcileFirst() ? Optional.empty()
                    : keepNumbers ? Optional.ofNullable(push.invoice().number()).map(byNumber::get).filter(remote -> sameContact(push, remote))
                    : sameByContent(session, push, byContact, taken);
            if (push.remoteInvoiceId() != null) {
                updates.add(push);
            } else if (found.isPresent() && !sameDocument(push, found.get())) {
                // ours by number and contact, sent as an earlier revision whose answer was lost: bring it up to date
                taken.add(found.get().invoiceID());
                updates.add(push.toUpdate(found.get().invoiceID(), false));
            } else if (found.isPresent()) {
                taken.add(found.get().invoiceID());
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.get().invoiceID(), found.get().invoiceNumber(),
                        (keepNumbers ? "found in Xero by number" : "found among the contact's invoices of that date")
                                + " after an unknown outcome; not sent again"));
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
                .map(mapper::invoice)
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
            // bills (ACCPAY) may share our numbers and fill pages: every page is read
            for (XeroInvoice invoice : api.everyPage(session, "/Invoices", Map.of("InvoiceNumbers", XeroApi.list(numbers)), XeroEnvelope::invoiceList)) {
                if ("ACCREC".equals(invoice.type()) && !"DELETED".equals(invoice.status()) && !"VOIDED".equals(invoice.status())) {
                    found.put(invoice.invoiceNumber(), invoice);
                }
            }
        }
        return found;
    }

    /**
     * The live sales invoices of the contacts of pushes in doubt, dated within their dates: where Xero numbered the
     * invoice, contact, date and content are what tell ours. Every page is read.
     */
    private List<XeroInvoice> candidatesByContact(ProviderSession session, List<InvoicePush> batch) {
        List<InvoicePush> lost = batch.stream().filter(push -> push.reconcileFirst() && push.remoteInvoiceId() == null).toList();
        if (lost.isEmpty()) {
            return List.of();
        }
        java.time.LocalDate from = lost.stream().map(push -> push.invoice().issueDate()).min(java.util.Comparator.naturalOrder()).orElseThrow();
        java.time.LocalDate to = lost.stream().map(push -> push.invoice().issueDate()).max(java.util.Comparator.naturalOrder()).orElseThrow();
        String where = "Type==\"ACCREC\" AND Date>=" + dateTime(from) + " AND Date<=" + dateTime(to);
        return api.everyPage(session, "/Invoices", Map.of("ContactIDs",
                XeroApi.list(lost.stream().map(InvoicePush::remoteCustomerId).distinct().toList()),
                "Statuses", "DRAFT,SUBMITTED,AUTHORISED,PAID", "where", where), XeroEnvelope::invoiceList);
    }

    /** The candidate that is this push's invoice, not taken by another push of the batch nor linked to another document. */
    private static Optional<XeroInvoice> sameByContent(ProviderSession session, InvoicePush push, List<XeroInvoice> candidates,
                                                       java.util.Set<String> taken) {
        List<XeroInvoice> alike = candidates.stream()
                .filter(remote -> !taken.contains(remote.invoiceID()) && sameDocument(push, remote)).toList();
        if (alike.isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<String> claimed = session.claimedByOthers(push.document(), alike.stream().map(XeroInvoice::invoiceID).toList());
        return alike.stream().filter(remote -> !claimed.contains(remote.invoiceID())).findFirst();
    }

    private static String dateTime(java.time.LocalDate date) {
        return "DateTime(" + date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth() + ")";
    }

    private XeroInvoice reconcileOne(ProviderSession session, String number) {
        return api.everyPage(session, "/Invoices", Map.of("InvoiceNumbers", number), XeroEnvelope::invoiceList).stream()
                .filter(invoice -> "ACCREC".equals(invoice.type()) && number.equals(invoice.invoiceNumber()))
                .filter(invoice -> !"DELETED".equals(invoice.status()) && !"VOIDED".equals(invoice.status()))
                .findFirst().orElse(null);
    }

    /**
     * Provably the same: same contact, same date, and the same line amounts (or, when Xero leaves the
     * lines out, the same amount before tax). Anything less is a different document that happens to
     * share the number.
     */
    private static boolean sameContact(InvoicePush push, XeroInvoice remote) {
        return remote.contact() != null && push.remoteCustomerId().equals(remote.contact().contactID());
    }

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
