package io.fieldsync.accounting.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the host calls. Every method stores what it is given durably and returns at once; sending
 * to the accounting system happens later, in the background, exactly once per document revision.
 * Outcomes reach the host through {@link AccountingListener} services and {@link #status}.
 *
 * <p>Structural problems are exceptions from the records' constructors: a missing value is a
 * {@link NullPointerException} naming it, a wrong one (a payment of zero, a blank id) an
 * {@link IllegalArgumentException}. What only the call can judge is refused by the call with an
 * {@link InvalidInputException} ({@link ErrorCode#INVALID_INPUT}) naming the field, and nothing is stored: a
 * control character in a text, a text longer than the accounting systems take, an absurd number or date, a
 * negative total, a payment in another currency than its invoice or more than it owes, a credit larger than
 * its invoice. Business problems (an unmapped category, a customer without a name)
 * never throw: the document is stored and shows {@link SyncStatus#FAILED} with a typed
 * {@link SyncError}, and no other document is held up by it.
 */
@ProviderType
public interface AccountingSync {

    /**
     * An invoice was locked, or changed after it was locked. A changed re-submission of an invoice
     * already synced is sent as an update of the same remote invoice; an identical one is ignored.
     */
    Ticket invoiceLocked(CompanyId company, Invoice invoice);

    /** An invoice was cancelled (fully or partly): the credit note is sent and allocated against the invoice. */
    Ticket invoiceCancelled(CompanyId company, CreditNote creditNote);

    /** A payment was collected; it is applied to its invoice once. */
    Ticket paymentCollected(CompanyId company, Payment payment);

    /**
     * Invoices that existed before the company connected: stored as {@link SyncStatus#NOT_ATTEMPTED}
     * and sent only when {@link #syncHistorical} asks for them. Invoices already known are left as they are.
     */
    List<Ticket> registerHistorical(CompanyId company, Collection<Invoice> invoices);

    /**
     * Queue historical invoices for sending.
     *
     * @param hostInvoiceIds the invoices to send; empty means every not-attempted invoice of the company
     * @return how many were queued
     */
    int syncHistorical(CompanyId company, Collection<String> hostInvoiceIds);

    /**
     * Queue one failed (or unsupported) document again, typically after its cause was fixed; or one stored NOT_ATTEMPTED
     * (historical, or of a company whose settings turn automatic sync of its kind off): the manual sync.
     */
    Optional<Ticket> retry(DocumentRef document);

    /** Queue every failed document of the company again; returns how many. */
    int retryAllFailed(CompanyId company);

    /** Where one document stands, if it is known. */
    Optional<DocumentStatus> status(DocumentRef document);

    /** A page of the company's documents, filtered by status and kind, most recently updated first. */
    DocumentPage documents(DocumentQuery query);

    /** The most recent calls made to the accounting system, newest first. */
    List<SyncLogEntry> syncLog(SyncLogQuery query);
}
