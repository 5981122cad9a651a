package io.fieldsync.accounting.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A filter over the sync log.
 *
 * @param company the company
 * @param document only calls about this document or that carried it in a batch, or null for all
 * @param errorsOnly only calls that returned an error
 * @param since only calls at or after this instant, or null
 * @param limit at most this many entries, 1 to 1000
 */
public record SyncLogQuery(CompanyId company, DocumentRef document, boolean errorsOnly, Instant since, int limit) {

    /** Validates paging. */
    public SyncLogQuery {
        Objects.requireNonNull(company, "company");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000: " + limit);
        }
    }

    /** The latest {@code limit} calls of the company. */
    public static SyncLogQuery latest(CompanyId company, int limit) {
        return new SyncLogQuery(company, null, false, null, limit);
    }
}
