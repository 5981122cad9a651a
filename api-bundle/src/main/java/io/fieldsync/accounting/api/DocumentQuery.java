package io.fieldsync.accounting.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A filter over one company's documents, for lists and admin screens.
 *
 * @param company the company
 * @param statuses the statuses wanted; empty means all
 * @param kinds the kinds wanted; empty means all
 * @param offset how many matching documents to skip (most recently updated first)
 * @param limit page size, 1 to 500
 */
public record DocumentQuery(CompanyId company, Set<SyncStatus> statuses, Set<DocumentKind> kinds, int offset, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    /** Validates paging. */
    public DocumentQuery {
        Objects.requireNonNull(company, "company");
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        kinds = kinds == null || kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ": " + limit);
        }
    }

    /** The first page of documents in the given statuses. */
    public static DocumentQuery byStatus(CompanyId company, SyncStatus... statuses) {
        return new DocumentQuery(company, statuses.length == 0 ? Set.of() : EnumSet.of(statuses[0], statuses), Set.of(), 0, 100);
    }
}
