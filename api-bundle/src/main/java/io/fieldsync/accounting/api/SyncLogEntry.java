package io.fieldsync.accounting.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call made to an accounting system, as kept in the sync log: enough to answer "what was sent,
 * when, and what did it say", and nothing secret (no tokens, no full payloads with personal data).
 *
 * @param company the company the call was made for
 * @param document the document it concerned, or null for calls about no single document (reference data, batches)
 * @param provider the provider that made the call
 * @param operation what was done, e.g. {@code PUT /Invoices} or {@code refresh token}
 * @param httpStatus the HTTP status, or 0 when no response came
 * @param vendorError the accounting system's error words, or null
 * @param duration how long the call took
 * @param at when it started
 * @param carried the documents the engine sent in this call (a batch carries up to the provider's batch size), empty
 *                when the engine sent none (reference data, a token refresh) or for an entry as a provider records it
 * @since 2.2
 */
public record SyncLogEntry(CompanyId company, DocumentRef document, String provider, String operation, int httpStatus,
                           String vendorError, Duration duration, Instant at, List<DocumentRef> carried) {

    /** Validates the mandatory parts. */
    public SyncLogEntry {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
        carried = carried == null ? List.of() : List.copyOf(carried);
    }

    /** A call as a provider records it: the engine adds the documents it carried. */
    public SyncLogEntry(CompanyId company, DocumentRef document, String provider, String operation, int httpStatus,
                        String vendorError, Duration duration, Instant at) {
        this(company, document, provider, operation, httpStatus, vendorError, duration, at, List.of());
    }

    /** This call, carrying these documents. */
    public SyncLogEntry carrying(List<DocumentRef> documents) {
        return new SyncLogEntry(company, document, provider, operation, httpStatus, vendorError, duration, at, documents);
    }
}
