package io.fieldsync.accounting.engine.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * The prerequisite of a payment or credit note: the invoice it belongs to, synced to this provider as it is now, and
 * that invoice's remote contact. A dependent whose invoice is not there yet waits for it, recorded with the reason.
 */
final class InvoiceOfDependent {

    private static final Duration WAIT_FOR_PREREQUISITE = Duration.ofMinutes(5);

    /** The synced invoice a dependent goes with, and the remote contact both belong to. */
    record Found(JournalEntry invoice, String remoteCustomer) {
        String remoteInvoice() {
            return invoice.remoteId();
        }
    }

    private final RoundScope round;
    private final InvoiceDependents dependents;

    InvoiceOfDependent(RoundScope round) {
        this.round = round;
        this.dependents = new InvoiceDependents(round.stores().journal(), round.json());
    }

    /** The synced invoice {@code invoiceHostId} of {@code dependent} and its remote contact; records why not when there is none yet. */
    Optional<Found> find(JournalEntry dependent, String invoiceHostId) {
        return syncedInvoice(dependent, invoiceHostId)
                .flatMap(invoice -> remoteCustomerOf(dependent, invoice).map(customer -> new Found(invoice, customer)));
    }

    /**
     * Why a payment or credit note no longer fits its invoice (checked at the call too; a retry by the admin, or
     * documents handed over before their invoice, come back here), or empty.
     */
    Optional<SyncError> misfit(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (InvalidInputException misfit) {
            return Optional.of(misfit.error());
        }
    }

    InvoiceDependents dependents() {
        return dependents;
    }

    private Optional<JournalEntry> syncedInvoice(JournalEntry dependent, String invoiceHostId) {
        CompanyId company = dependent.document().company();
        String provider = round.providerId();
        Optional<JournalEntry> invoice = round.stores().journal().find(DocumentRef.invoice(company, invoiceHostId));
        if (invoice.isEmpty()) {
            round.recorder().failedBeforeSending(dependent, provider, new SyncError(ErrorCode.PREREQUISITE_MISSING,
                    "Invoice " + invoiceHostId + " was never handed over for sync. " + ErrorCode.PREREQUISITE_MISSING.action(), null));
            return Optional.empty();
        }
        JournalEntry found = invoice.get();
        // a change of the invoice still on its way goes first: the payment or credit was made for the invoice as it
        // is now, and Xero refuses to change an invoice once a payment or credit is allocated to it
        boolean changeOnItsWay = found.remoteId() != null && found.syncedRevision() != null
                && found.syncedRevision() < found.revision() && found.status().isQueued();
        if (found.remoteId() == null || !provider.equals(found.provider()) || changeOnItsWay) {
            String where = changeOnItsWay ? "s change (revision " + found.revision() + ") is not in " + provider + " yet"
                    : found.remoteId() != null ? " is in " + found.provider() + ", not in " + provider
                    : " is not synced yet (" + found.status() + ")";
            round.recorder().waiting(List.of(dependent), SyncStatus.PENDING, new SyncError(ErrorCode.PREREQUISITE_MISSING,
                    "Waiting for invoice " + invoiceHostId + ": it" + where + ". This document is sent right after it.", null),
                    round.clock().instant().plus(WAIT_FOR_PREREQUISITE));
            return Optional.empty();
        }
        return invoice;
    }

    /** The remote contact of a synced invoice; a dependent whose invoice has none (links lost) is retried later. */
    private Optional<String> remoteCustomerOf(JournalEntry dependent, JournalEntry invoice) {
        Invoice document = round.json().read(invoice.snapshot(), Invoice.class);
        Optional<String> remoteId = round.stores().customerLinks()
                .find(invoice.document().company(), round.providerId(), document.customer().hostId())
                .map(CustomerLinks.Link::remoteId);
        if (remoteId.isEmpty()) {
            round.recorder().retryLater(List.of(dependent), round.providerId(), SyncError.of(ErrorCode.INTERNAL_ERROR,
                    "Finding the " + round.providerId() + " contact of invoice " + invoice.document().hostId()));
        }
        return remoteId;
    }
}
