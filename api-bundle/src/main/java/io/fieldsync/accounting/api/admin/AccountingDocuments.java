package io.fieldsync.accounting.api.admin;

import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The admin's view of a company's documents: searching them by status, kind, time and text, with the attempts made and
 * the next attempt of each, and sending one that waits for its back-off now.
 *
 * @since 1.2
 */
@ProviderType
public interface AccountingDocuments {

    /** A page of the documents the search matches, most recently updated first. */
    DocumentRows search(DocumentSearch search);

    /**
     * When the company's queue is tried next: the earliest next attempt of its queued documents (pending, outcome
     * unknown, disconnected), in the past when something is due now; empty when nothing is queued.
     */
    Optional<java.time.Instant> nextAttempt(io.fieldsync.accounting.api.CompanyId company);

    /** One document's row, if it is known. */
    Optional<DocumentRow> row(DocumentRef document);

    /**
     * Makes a document that waits for its back-off (queued after a failed attempt, an unknown outcome or a lost
     * connection) due now and wakes the dispatcher. A lane the accounting system asked to slow down (a 429 with
     * Retry-After) still waits for that: sending now never breaks a vendor's rate limit.
     *
     * @return the document's row after the change, or empty when the document is not in the journal
     * @throws AccountingException VALIDATION_FAILED when the document is not queued (synced, failed, not attempted,
     *                             being sent): retry a failed one, sync a historical one
     */
    Optional<DocumentRow> sendNow(DocumentRef document);
}
