package io.fieldsync.accounting.xero;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.xero.wire.XeroAllocation;
import io.fieldsync.accounting.xero.wire.XeroCreditNote;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroInvoice;
import io.fieldsync.accounting.xero.wire.XeroValidationError;

/**
 * Cancellations and refunds: an ACCRECCREDIT credit note allocated against its invoice
 * ({@code PUT /CreditNotes/{id}/Allocations}, up to what the invoice still owes). A fully cancelled
 * invoice that is still a draft in Xero is deleted instead: a draft has nothing to credit.
 *
 * <p>A credit note always carries a number (the host's, else its host id), which Xero keeps unique: a credit note
 * whose earlier attempt may have reached Xero is looked up by number first (one call for the batch), and one Xero
 * refuses as a duplicate number is linked when it is provably the same (same contact and date). Either way its
 * allocation is completed from what Xero shows (the credit still remaining, what the invoice still owes), so a
 * credit note is never created twice nor left unallocated. An allocation held back by a limit or whose answer was
 * lost leaves the credit note's outcome unknown: the next attempt finds it and allocates what is left. Nothing here
 * waits: the dispatcher's thread is never put to sleep.
 *
 * <p>The credited invoices are read only when the push does not say what is needed: its currency, and that it was
 * sent approved (a draft is deleted instead, and a credit note in doubt is reconciled against it). Otherwise the
 * credit note goes straight to {@code PUT /CreditNotes} and its whole credit is allocated: Xero checks the
 * allocation against the invoice itself (it refuses more than the invoice owes, or an invoice not AUTHORISED:
 * ValidationMessages in the sandbox after the Xero API's allocation errors), and only that refusal reads the
 * invoice, to allocate what it still owes or to say why nothing was.
 */
final class XeroCreditNotes {

    /** Numbers looked up per call: {@code where} with OR, kept well inside a URL's length. */
    private static final int NUMBERS_PER_LOOKUP = 20;

    private final XeroApi api;
    private final XeroTaxTypes taxTypes;

    XeroCreditNotes(XeroApi api, XeroTaxTypes taxTypes) {
        this.api = api;
        this.taxTypes = taxTypes;
    }

    List<PushOutcome> push(ProviderSession engineSession, List<CreditNotePush> batch) {
        XeroLimitsLeft session = new XeroLimitsLeft(engineSession);
        LimitMet limit = new LimitMet(session);
        List<CreditNotePush> unknownInvoices = batch.stream().filter(push -> !invoiceKnown(push)).toList();
        Map<String, XeroInvoice> invoices = unknownInvoices.isEmpty() ? new HashMap<>() : invoices(session, unknownInvoices);
        Map<String, XeroCreditNote> existing = byNumber(session, batch.stream().filter(CreditNotePush::reconcileFirst)
                .map(XeroCreditNotes::number).toList());
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CreditNotePush> toCreate = new ArrayList<>();
        for (CreditNotePush push : batch) {
            if (invoiceKnown(push)) {
                toCreate.add(push);
                continue;
            }
            XeroInvoice invoice = invoices.get(push.remoteInvoiceId());
            XeroCreditNote found = existing.get(number(push));
            if (found != null && invoice != null) {
                outcomes.add(allocate(session, push, found, invoice, "found in Xero after an unknown outcome; not sent again. ", limit));
            } else if (invoice == null) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                        "The credited invoice is no longer in Xero. " + ErrorCode.PREREQUISITE_MISSING.action(), push.remoteInvoiceId())));
            } else if (push.creditNote().fullCancellation() && "DELETED".equals(invoice.status())) {
                // the draft was deleted by an earlier attempt whose answer was lost
                outcomes.add(PushOutcome.synced(push.document(), invoice.invoiceID(), invoice.invoiceNumber())
                        .withNote("the invoice was still a draft in Xero, so it was deleted instead of credited"));
            } else if (push.creditNote().fullCancellation() && isDraft(invoice)) {
                outcomes.add(deleteDraft(session, push, invoice));
            } else {
                toCreate.add(push);
            }
        }
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate, invoices, limit));
        }
        return outcomes;
    }

    private List<PushOutcome> create(ProviderSession session, List<CreditNotePush> pushes, Map<String, XeroInvoice> invoices,
                                     LimitMet limit) {
        XeroMapper mapper = new XeroMapper(() -> taxTypes.untaxedSales(session));
        List<XeroCreditNote> notes = pushes.stream()
                .map(push -> mapper.creditNote(push, number(push), push.remoteCustomerId(), invoiceKnown(push)
                        ? push.invoiceCurrency().getCurrencyCode() : invoices.get(push.remoteInvoiceId()).currencyCode()))
                .toList();
        IdempotencyKey key = XeroApi.batchKey(pushes.stream().map(CreditNotePush::key).toList());
        List<XeroCreditNote> answered = api.written(api.write(session, "PUT", "/CreditNotes", XeroEnvelope.ofCreditNotes(notes), key,
                pushes.size() == 1 ? pushes.get(0).document() : null), "/CreditNotes", "CreditNotes").creditNoteList();
        List<PushOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            CreditNotePush push = pushes.get(i);
            // null for a push that says what its invoice is: allocated without reading it
            XeroInvoice invoice = invoiceKnown(push) ? null : invoices.get(push.remoteInvoiceId());
            XeroCreditNote element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this credit note"));
            } else if (element.errors().isEmpty() && element.creditNoteID() != null) {
                outcomes.add(allocate(session, push, element, invoice, "", limit));
            } else if (messages(element).toLowerCase(Locale.ROOT).contains("must be unique")) {
                outcomes.add(duplicateNumber(session, push, invoice, messages(element), limit));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED,
                        "credit note " + number(push)).withDetail(messages(element))));
            }
        }
        return outcomes;
    }

    /**
     * Xero already holds a credit note with this number: ours from an attempt whose answer was lost (the same
     * contact and date), which is linked and allocated, or another document's, which is DUPLICATE_DOCUMENT.
     */
    private PushOutcome duplicateNumber(ProviderSession session, CreditNotePush push, XeroInvoice invoice, String messages,
                                        LimitMet limit) {
        XeroCreditNote holder = byNumber(session, List.of(number(push))).get(number(push));
        if (holder != null && sameDocument(push, holder)
                && session.claimedByOthers(push.document(), List.of(holder.creditNoteID())).isEmpty()) {
            return allocate(session, push, holder, invoice, "the same credit note was already in Xero; linked, not duplicated. ", limit);
        }
        return PushOutcome.failed(push.document(), new SyncError(ErrorCode.DUPLICATE_DOCUMENT,
                ErrorCode.DUPLICATE_DOCUMENT.message("Credit note number " + number(push)), messages));
    }

    /**
     * Allocates what is left of the credit against what the invoice still owes. The credit note exists whatever
     * happens here: a refusal is reported on the document for the admin to allocate by hand; a limit or a lost answer
     * leaves the outcome unknown, and the next attempt, finding the credit note by its number, allocates what is
     * still left (nothing is allocated twice: the amounts come from Xero each time).
     *
     * @param invoice the credited invoice as read from Xero, or null when it was not read: then the whole credit is
     *                allocated, and only Xero's refusal reads the invoice to allocate what it still owes
     */
    private PushOutcome allocate(ProviderSession session, CreditNotePush push, XeroCreditNote note, XeroInvoice invoice, String how,
                                 LimitMet limit) {
        PushOutcome synced = PushOutcome.synced(push.document(), note.creditNoteID(), note.creditNoteNumber());
        BigDecimal credit = note.remainingCredit() != null ? note.remainingCredit() : note.total();
        if (invoice == null && credit == null) {
            return allocateRead(session, push, note, how, limit);
        }
        BigDecimal due = invoice == null ? credit : invoice.amountDue() == null ? BigDecimal.ZERO : invoice.amountDue();
        BigDecimal amount = credit == null ? due : credit.min(due);
        if (credit != null && credit.signum() <= 0) {
            return synced.withNote(how + "allocated in full");
        }
        if (amount.signum() <= 0) {
            return synced.withNote(how + "the invoice owes nothing, so the credit stays unallocated on the customer's account");
        }
        if (limit.met != null) {
            // one 429 in this push is enough: Xero would refuse the others too, and each refusal is a call spent
            return waitsForLimit(push, note, invoice, limit.met.limit());
        }
        if (limit.left.spent() != null) {
            // Xero said nothing is left (X-MinLimit-Remaining: 0): the next call would be its 429; the note is in Xero,
            // so the outcome is unknown and the next attempt finds it by number and allocates what is still left
            return waitsForLimit(push, note, invoice, limit.left.spent());
        }
        XeroAllocation allocation = new XeroAllocation(null, XeroInvoice.ref(invoice == null ? push.remoteInvoiceId() : invoice.invoiceID()), amount,
                XeroDates.format(push.creditNote().date()), null, null);
        // the amount is part of the key: Xero refuses a repeated key whose body differs
        IdempotencyKey key = IdempotencyKey.derive(push.key().value(), "allocation", note.creditNoteID(), amount.toPlainString());
        String path = "/CreditNotes/" + note.creditNoteID() + "/Allocations";
        try {
            List<XeroAllocation> answered = api.written(api.write(session, "PUT", path, XeroEnvelope.ofAllocations(List.of(allocation)),
                    key, push.document()), "/Allocations", "Allocations").allocationList();
            if (!answered.isEmpty() && !answered.get(0).errors().isEmpty()) {
                if (invoice == null) {
                    return allocateRead(session, push, note, how, limit);
                }
                return synced.withNote(how + "allocation refused by Xero: " + XeroValidationError.join(answered.get(0).errors())
                        + "; allocate it against invoice " + invoice.invoiceNumber() + " in Xero");
            }
            return synced.withNote(how + "allocated " + amount.toPlainString() + " against invoice " + label(push, invoice));
        } catch (RateLimitedException limited) {
            limit.met = limited;
            return waitsForLimit(push, note, invoice, limited.limit());
        } catch (OutcomeUnknownException lost) {
            return PushOutcome.unknown(push.document(), "credit note " + note.creditNoteNumber() + " is in Xero; the answer to its allocation "
                    + "was lost, so the next attempt checks what is left to allocate: " + lost.getMessage());
        } catch (AccountingException refused) {
            if (refused.code() != ErrorCode.VALIDATION_FAILED) {
                return PushOutcome.unknown(push.document(), "credit note " + note.creditNoteNumber() + " is in Xero; its allocation waits ("
                        + refused.getMessage() + ") and is made on the next attempt");
            }
            if (invoice == null) {
                return allocateRead(session, push, note, how, limit);
            }
            return synced.withNote(how + "allocation against invoice " + invoice.invoiceNumber() + " refused (" + refused.getMessage()
                    + "); allocate it in Xero");
        }
    }

    /**
     * Xero refused the whole credit against an invoice not read: it owes less (a payment or another credit since),
     * or is no longer AUTHORISED. One read of it says which; what it still owes is allocated, else the note says why.
     */
    private PushOutcome allocateRead(ProviderSession session, CreditNotePush push, XeroCreditNote note, String how, LimitMet limit) {
        XeroInvoice invoice;
        try {
            invoice = invoices(session, List.of(push)).get(push.remoteInvoiceId());
        } catch (RateLimitedException limited) {
            limit.met = limited;
            return waitsForLimit(push, note, null, limited.limit());
        } catch (AccountingException unread) {
            return PushOutcome.unknown(push.document(), "credit note " + note.creditNoteNumber() + " is in Xero; Xero refused its "
                    + "whole credit against the invoice, which could not be read (" + unread.getMessage() + "), so the next attempt "
                    + "allocates what is left");
        }
        if (invoice == null || "DELETED".equals(invoice.status()) || "VOIDED".equals(invoice.status())) {
            return PushOutcome.synced(push.document(), note.creditNoteID(), note.creditNoteNumber()).withNote(how + "not allocated: "
                    + "the credited invoice is " + (invoice == null ? "no longer in Xero" : invoice.status().toLowerCase(Locale.ROOT)
                    + " in Xero") + ", so the credit stays on the customer's account; void it in Xero if it is not owed");
        }
        return allocate(session, push, note, invoice, how, limit);
    }

    private static String label(CreditNotePush push, XeroInvoice invoice) {
        return invoice != null ? invoice.invoiceNumber() : push.creditNote().invoiceHostId();
    }

    /** Whether the push says what crediting needs of its invoice, so that it is not read first. */
    private static boolean invoiceKnown(CreditNotePush push) {
        return push.invoiceCurrency() != null && push.invoiceSentAs() == InvoiceStatusOnPush.APPROVED && !push.reconcileFirst();
    }

    private static PushOutcome waitsForLimit(CreditNotePush push, XeroCreditNote note, XeroInvoice invoice, RateLimit limit) {
        return PushOutcome.unknown(push.document(), "credit note " + note.creditNoteNumber() + " is in Xero; its allocation against invoice "
                + label(push, invoice) + " waits for Xero's " + limit.words() + " limit and is made on the next attempt");
    }

    /**
     * A limit Xero answered with during one push, if any, and what its responses said is left: later allocations of
     * the push wait without a call.
     */
    private static final class LimitMet {
        private final XeroLimitsLeft left;
        private RateLimitedException met;

        LimitMet(XeroLimitsLeft left) {
            this.left = left;
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

    /**
     * Live ACCRECCREDIT credit notes with these numbers, by number: one call per twenty numbers, every page. Xero's
     * {@code where} has no escape for a quote (QueryParseException "Syntax error", XeroAPI/Xero-Java issue #347) and
     * CreditNotes take no searchTerm, so a number with a quote is looked for with {@code CreditNoteNumber.Contains} of
     * its longest part without one, and compared exactly here.
     */
    private Map<String, XeroCreditNote> byNumber(ProviderSession session, List<String> numbers) {
        Map<String, XeroCreditNote> found = new HashMap<>();
        List<String> distinct = numbers.stream().distinct().toList();
        List<String> plain = distinct.stream().filter(number -> number.indexOf('"') < 0).toList();
        for (int from = 0; from < plain.size(); from += NUMBERS_PER_LOOKUP) {
            List<String> chunk = plain.subList(from, Math.min(plain.size(), from + NUMBERS_PER_LOOKUP));
            lookUp(session, "Type==\"ACCRECCREDIT\" AND (" + chunk.stream()
                    .map(number -> "CreditNoteNumber==\"" + number + "\"").collect(Collectors.joining(" OR ")) + ")", chunk, found);
        }
        for (String quoted : distinct.stream().filter(number -> number.indexOf('"') >= 0).toList()) {
            String part = java.util.Arrays.stream(quoted.split("\"")).max(java.util.Comparator.comparingInt(String::length)).orElse("");
            lookUp(session, "Type==\"ACCRECCREDIT\"" + (part.isEmpty() ? "" : " AND CreditNoteNumber.Contains(\"" + part + "\")"),
                    List.of(quoted), found);
        }
        return found;
    }

    private void lookUp(ProviderSession session, String where, List<String> numbers, Map<String, XeroCreditNote> found) {
        api.everyPage(session, "/CreditNotes", Map.of("where", where), XeroEnvelope::creditNoteList).stream()
                .filter(note -> numbers.contains(note.creditNoteNumber()))
                .filter(note -> !"DELETED".equals(note.status()) && !"VOIDED".equals(note.status()))
                .forEach(note -> found.put(note.creditNoteNumber(), note));
    }

    /** Provably the same: the number is taken, by the same contact on the same date. */
    private static boolean sameDocument(CreditNotePush push, XeroCreditNote remote) {
        return remote.contact() != null && push.remoteCustomerId().equals(remote.contact().contactID())
                && push.creditNote().date().equals(XeroDates.date(remote.date()));
    }

    private Map<String, XeroInvoice> invoices(ProviderSession session, List<CreditNotePush> batch) {
        List<String> ids = batch.stream().map(CreditNotePush::remoteInvoiceId).distinct().toList();
        Map<String, XeroInvoice> invoices = new HashMap<>();
        api.get(session, "/Invoices", Map.of("IDs", XeroApi.list(ids))).invoiceList()
                .forEach(invoice -> invoices.put(invoice.invoiceID(), invoice));
        return invoices;
    }

    /** The credit note's number: the host's, else its host id, so that it can be found again after an unknown outcome. */
    static String number(CreditNotePush push) {
        return push.creditNote().number() != null ? push.creditNote().number() : push.creditNote().hostId();
    }

    private static boolean isDraft(XeroInvoice invoice) {
        return "DRAFT".equals(invoice.status()) || "SUBMITTED".equals(invoice.status());
    }

    private static String messages(XeroCreditNote element) {
        return XeroValidationError.join(element.errors());
    }
}
