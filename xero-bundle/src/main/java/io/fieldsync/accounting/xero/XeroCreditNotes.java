package io.fieldsync.accounting.xero;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.RateLimitedException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.xero.wire.XeroAllocation;
import io.fieldsync.accounting.xero.wire.XeroCreditNote;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroValidationError;
import io.fieldsync.accounting.xero.wire.XeroInvoice;

/**
 * Cancellations and refunds: an ACCRECCREDIT credit note allocated against its invoice
 * ({@code PUT /CreditNotes/{id}/Allocations}, up to what the invoice still owes). A fully cancelled
 * invoice that is still a draft in Xero is deleted instead: a draft has nothing to credit.
 */
final class XeroCreditNotes {

    /** A minute limit is worth waiting out inside one push; a day limit is not. */
    private static final java.time.Duration LONGEST_WAIT_FOR_ALLOCATION = java.time.Duration.ofSeconds(60);

    private final XeroApi api;

    XeroCreditNotes(XeroApi api) {
        this.api = api;
    }

    List<PushOutcome> push(ProviderSession session, List<CreditNotePush> batch) {
        Map<String, XeroInvoice> invoices = invoices(session, batch);
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CreditNotePush> toCreate = new ArrayList<>();
        for (CreditNotePush push : batch) {
            XeroInvoice invoice = invoices.get(push.remoteInvoiceId());
            if (invoice == null) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                        "The credited invoice is no longer in Xero. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId())));
            } else if (push.creditNote().fullCancellation() && isDraft(invoice)) {
                outcomes.add(deleteDraft(session, push, invoice));
            } else if (push.reconcileFirst() && existing(session, push).isPresent()) {
                XeroCreditNote found = existing(session, push).get();
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.creditNoteID(), found.creditNoteNumber(),
                        "found in Xero after an unknown outcome; not sent again"));
            } else {
                toCreate.add(push);
            }
        }
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate, invoices));
        }
        return outcomes;
    }

    private List<PushOutcome> create(ProviderSession session, List<CreditNotePush> pushes, Map<String, XeroInvoice> invoices) {
        XeroMapper mapper = new XeroMapper(session.mappings(), session.settings());
        List<XeroCreditNote> notes = pushes.stream()
                .map(push -> mapper.creditNote(push.creditNote(), number(push), push.remoteCustomerId(),
                        invoices.get(push.remoteInvoiceId()).currencyCode()))
                .toList();
        IdempotencyKey key = XeroApi.batchKey(pushes.stream().map(CreditNotePush::key).toList());
        List<XeroCreditNote> answered = api.written(api.write(session, "PUT", "/CreditNotes", XeroEnvelope.ofCreditNotes(notes), key,
                pushes.size() == 1 ? pushes.get(0).document() : null), "/CreditNotes", "CreditNotes").creditNoteList();
        List<PushOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            CreditNotePush push = pushes.get(i);
            XeroCreditNote element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this credit note"));
            } else if (!element.errors().isEmpty() || element.creditNoteID() == null) {
                outcomes.add(PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED,
                        "credit note " + number(push)).withDetail(messages(element))));
            } else {
                outcomes.add(allocate(session, push, element, invoices.get(push.remoteInvoiceId())));
            }
        }
        return outcomes;
    }

    /**
     * The credit note exists whatever happens here, so nothing may escape: an exception would leave it
     * queued and, once Xero's idempotency window has passed, sent again as a second credit note. A
     * minute-limit 429 is waited out once (a batch of cancellations allocates one call per note); any
     * other refusal is reported on the document for the admin to allocate by hand.
     */
    private PushOutcome allocate(ProviderSession session, CreditNotePush push, XeroCreditNote note, XeroInvoice invoice) {
        PushOutcome synced = PushOutcome.synced(push.document(), note.creditNoteID(), note.creditNoteNumber());
        BigDecimal credit = note.remainingCredit() != null ? note.remainingCredit() : note.total();
        BigDecimal due = invoice.amountDue() == null ? BigDecimal.ZERO : invoice.amountDue();
        BigDecimal amount = credit == null ? due : credit.min(due);
        if (amount.signum() <= 0) {
            return synced.withNote("the invoice owes nothing, so the credit stays unallocated on the customer's account");
        }
        XeroAllocation allocation = new XeroAllocation(null, XeroInvoice.ref(invoice.invoiceID()), amount,
                XeroDates.format(push.creditNote().date()), null, null);
        IdempotencyKey key = IdempotencyKey.derive(push.key().value(), "allocation");
        String path = "/CreditNotes/" + note.creditNoteID() + "/Allocations";
        for (int attempt = 1; ; attempt++) {
            try {
                List<XeroAllocation> answered = api.written(api.write(session, "PUT", path, XeroEnvelope.ofAllocations(List.of(allocation)),
                        key, push.document()), "/Allocations", "Allocations").allocationList();
                if (!answered.isEmpty() && !answered.get(0).errors().isEmpty()) {
                    return synced.withNote("allocation refused by Xero: " + XeroValidationError.join(answered.get(0).errors()));
                }
                return synced.withNote("allocated " + amount.toPlainString() + " against invoice " + invoice.invoiceNumber());
            } catch (RateLimitedException limited) {
                if (attempt > 1 || limited.retryAfter().compareTo(LONGEST_WAIT_FOR_ALLOCATION) > 0) {
                    return synced.withNote("not allocated: Xero's " + limited.limit() + " limit was reached; allocate it against invoice "
                            + invoice.invoiceNumber() + " in Xero");
                }
                pause(limited.retryAfter());
            } catch (AccountingException | OutcomeUnknownException failed) {
                return synced.withNote("allocation against invoice " + invoice.invoiceNumber() + " not confirmed (" + failed.getMessage()
                        + "); check it in Xero");
            }
        }
    }

    private static void pause(java.time.Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PushOutcome deleteDraft(ProviderSession session, CreditNotePush push, XeroInvoice invoice) {
        XeroInvoice deletion = XeroInvoice.withStatus(invoice.invoiceID(), "DELETED");
        List<XeroInvoice> answered = api.written(api.writeOne(session, "/Invoices/" + invoice.invoiceID(),
                XeroEnvelope.ofInvoices(List.of(deletion)), push.key(), push.document()), "/Invoices", "Invoices").invoiceList();
        if (!answered.isEmpty() && !answered.get(0).errors().isEmpty()) {
            return PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "the deletion of draft invoice "
                    + invoice.invoiceNumber()).withDetail(XeroInvoices.messages(answered.get(0))));
        }
        return PushOutcome.synced(push.document(), invoice.invoiceID(), invoice.invoiceNumber())
                .withNote("the invoice was still a draft in Xero, so it was deleted instead of credited");
    }

    private java.util.Optional<XeroCreditNote> existing(ProviderSession session, CreditNotePush push) {
        String number = number(push);
        return api.get(session, "/CreditNotes", Map.of("where", "CreditNoteNumber==\"" + number.replace("\"", "") + "\""))
                .creditNoteList().stream()
                .filter(note -> number.equals(note.creditNoteNumber()) && !"DELETED".equals(note.status()) && !"VOIDED".equals(note.status()))
                .findFirst();
    }

    private Map<String, XeroInvoice> invoices(ProviderSession session, List<CreditNotePush> batch) {
        List<String> ids = batch.stream().map(CreditNotePush::remoteInvoiceId).distinct().toList();
        Map<String, XeroInvoice> invoices = new HashMap<>();
        api.get(session, "/Invoices", Map.of("IDs", XeroApi.list(ids))).invoiceList()
                .forEach(invoice -> invoices.put(invoice.invoiceID(), invoice));
        return invoices;
    }

    /** The credit note's number: the host's, else its host id, so that it can be found again after an unknown outcome. */
    private static String number(CreditNotePush push) {
        return push.creditNote().number() != null ? push.creditNote().number() : push.creditNote().hostId();
    }

    private static boolean isDraft(XeroInvoice invoice) {
        return "DRAFT".equals(invoice.status()) || "SUBMITTED".equals(invoice.status());
    }

    private static String messages(XeroCreditNote element) {
        return XeroValidationError.join(element.errors());
    }
}
