package io.fieldsync.accounting.engine.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.Json;

/**
 * The checks a credit note or payment needs its invoice for, made against the journal's snapshot of that invoice:
 * a payment in the invoice's currency, payments adding up to no more than the invoice, credit notes adding up to
 * no more than it. When the invoice is not in the journal yet, the same checks run when it arrives
 * ({@link #conflictsWith(CompanyId, Invoice)}): the payments and credit notes waiting for it that break them fail then,
 * before anything of theirs can be sent (a dependent is only ever sent after its invoice synced).
 */
final class InvoiceDependents {

    /** Documents that will not be sent unless someone retries them do not use up the invoice. */
    private static final Set<SyncStatus> NOT_GOING = Set.of(SyncStatus.FAILED, SyncStatus.UNSUPPORTED);

    private final Journal journal;
    private final Json json;

    InvoiceDependents(Journal journal, Json json) {
        this.journal = journal;
        this.json = json;
    }

    /** Refuses {@code payment} if its invoice is in the journal and the payment does not fit it. */
    void check(CompanyId company, Payment payment) {
        invoice(company, payment.invoiceHostId()).ifPresent(invoice -> {
            List<Payment> others = others(company, payment.invoiceHostId(), DocumentKind.PAYMENT, payment.hostId(), Payment.class);
            problem(invoice.snapshot(), invoice.entry().paymentState(), payment, others).ifPresent(this::refuse);
        });
    }

    /** Refuses {@code creditNote} if its invoice is in the journal and the credit does not fit it. */
    void check(CompanyId company, CreditNote creditNote) {
        invoice(company, creditNote.invoiceHostId()).ifPresent(invoice -> {
            List<CreditNote> others = others(company, creditNote.invoiceHostId(), DocumentKind.CREDIT_NOTE, creditNote.hostId(),
                    CreditNote.class);
            problem(invoice.snapshot(), creditNote, others).ifPresent(this::refuse);
        });
    }

    /** A dependent that does not fit the invoice it waits for, with the reason. */
    record Conflict(JournalEntry dependent, InvalidInputException reason) {
    }

    /**
     * The payments and credit notes already accepted for an invoice that is not in the journal yet which do not fit
     * it, each judged with the ones accepted before it (so the first payments that fit still go).
     */
    List<Conflict> conflictsWith(CompanyId company, Invoice invoice) {
        List<Conflict> conflicts = new ArrayList<>();
        List<Payment> payments = new ArrayList<>();
        List<CreditNote> credits = new ArrayList<>();
        for (JournalEntry dependent : journal.dependentsAtTheDoor(company, invoice.hostId())) {
            if (NOT_GOING.contains(dependent.status()) || dependent.remoteId() != null) {
                continue;
            }
            if (dependent.document().kind() == DocumentKind.PAYMENT) {
                Payment payment = json.read(dependent.snapshot(), Payment.class);
                problem(invoice, null, payment, payments).ifPresentOrElse(problem -> conflicts.add(new Conflict(dependent, problem)),
                        () -> payments.add(payment));
            } else if (dependent.document().kind() == DocumentKind.CREDIT_NOTE) {
                CreditNote credit = json.read(dependent.snapshot(), CreditNote.class);
                problem(invoice, credit, credits).ifPresentOrElse(problem -> conflicts.add(new Conflict(dependent, problem)),
                        () -> credits.add(credit));
            }
        }
        return conflicts;
    }

    /** Whether the invoice {@code document} has no row yet. */
    boolean isNew(CompanyId company, String invoiceHostId) {
        return journal.findAtTheDoor(DocumentRef.invoice(company, invoiceHostId)).isEmpty();
    }

    private static Optional<InvalidInputException> problem(Invoice invoice, RemotePaymentState remote, Payment payment,
                                                           List<Payment> others) {
        if (!payment.currency().equals(invoice.currency())) {
            // Xero and QuickBooks both apply a payment in the currency of the invoice it pays
            return Optional.of(new InvalidInputException("payment.currency", "is " + payment.currency().getCurrencyCode()
                    + " but invoice " + invoice.hostId() + " is in " + invoice.currency().getCurrencyCode()));
        }
        Optional<BigDecimal> total = total(invoice, remote);
        if (total.isEmpty()) {
            // tax not known here: the accounting system refuses an over-payment itself ("Payment amount exceeds the
            // amount outstanding on this document", Xero), and the document fails with its words
            return Optional.empty();
        }
        BigDecimal paid = others.stream().map(Payment::amount).reduce(payment.amount(), BigDecimal::add);
        if (paid.compareTo(total.get()) > 0) {
            return Optional.of(new InvalidInputException("payment.amount", "is " + payment.amount().toPlainString()
                    + ", which makes the payments of invoice " + invoice.hostId() + " add up to " + paid.toPlainString()
                    + ", more than its total of " + total.get().toPlainString()));
        }
        return Optional.empty();
    }

    private static Optional<InvalidInputException> problem(Invoice invoice, CreditNote credit, List<CreditNote> others) {
        if (credit.amountType() != invoice.amountType()) {
            // one before tax and one including it: not comparable without the tax; the provider allocates at most
            // what the invoice still owes
            return Optional.empty();
        }
        BigDecimal credited = others.stream().filter(other -> other.amountType() == invoice.amountType())
                .map(other -> HostDocumentRules.linesTotal(other.lines()))
                .reduce(HostDocumentRules.linesTotal(credit.lines()), BigDecimal::add);
        if (credited.compareTo(invoice.linesTotal()) > 0) {
            return Optional.of(new InvalidInputException("creditNote.lines", "add up to "
                    + HostDocumentRules.linesTotal(credit.lines()).toPlainString() + ", which makes the credit notes of invoice "
                    + invoice.hostId() + " add up to " + credited.toPlainString() + ", more than its "
                    + invoice.linesTotal().toPlainString() + (invoice.amountType() == AmountType.TAX_EXCLUSIVE ? " before tax" : "")));
        }
        return Optional.empty();
    }

    /**
     * The invoice's total when it is known without its tax: prices that include tax, or no taxed line; else the
     * total the accounting system reported for it (paid + credited + due).
     */
    private static Optional<BigDecimal> total(Invoice invoice, RemotePaymentState remote) {
        boolean taxed = invoice.lines().stream().anyMatch(line -> !line.taxRateIds().isEmpty());
        if (invoice.amountType() == AmountType.TAX_INCLUSIVE || !taxed) {
            return Optional.of(invoice.linesTotal());
        }
        if (remote != null) {
            return Optional.of(remote.amountPaid().add(remote.amountCredited()).add(remote.amountDue()));
        }
        return Optional.empty();
    }

    /**
     * The checks read without waiting for the disk ({@code Journal.findAtTheDoor}): what follows a check that passes is
     * a write that waits for it. A refusal is an answer of its own, so it waits first: it never rests on a row (the
     * invoice, an earlier payment) that a crash could still take back.
     */
    private void refuse(InvalidInputException problem) {
        journal.awaitOnDisk();
        throw problem;
    }

    private record StoredInvoice(JournalEntry entry, Invoice snapshot) {
    }

    private Optional<StoredInvoice> invoice(CompanyId company, String invoiceHostId) {
        return journal.findAtTheDoor(DocumentRef.invoice(company, invoiceHostId))
                .map(entry -> new StoredInvoice(entry, json.read(entry.snapshot(), Invoice.class)));
    }

    private <T> List<T> others(CompanyId company, String invoiceHostId, DocumentKind kind, String ownHostId, Class<T> type) {
        return journal.dependentsAtTheDoor(company, invoiceHostId).stream()
                .filter(entry -> entry.document().kind() == kind && !entry.document().hostId().equals(ownHostId))
                .filter(entry -> !NOT_GOING.contains(entry.status()))
                .map(entry -> json.read(entry.snapshot(), type))
                .toList();
    }

    /** Marks each conflict FAILED with its reason; returns the rows as they now stand. */
    List<JournalEntry> fail(List<Conflict> conflicts, Instant now) {
        List<JournalEntry> failed = new ArrayList<>();
        for (Conflict conflict : conflicts) {
            JournalEntry dependent = conflict.dependent();
            if (journal.markFailed(dependent, dependent.provider(), conflict.reason().error(), false, now)) {
                journal.find(dependent.document()).ifPresent(failed::add);
            }
        }
        return failed;
    }
}
