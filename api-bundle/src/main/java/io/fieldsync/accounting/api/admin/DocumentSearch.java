package io.fieldsync.accounting.api.admin;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * The admin's filter over one company's documents: what {@link io.fieldsync.accounting.api.DocumentQuery} offers, plus
 * a time range and a text.
 *
 * @param company the company
 * @param statuses the statuses wanted; empty means all
 * @param kinds the kinds wanted; empty means all
 * @param updatedFrom only documents whose status changed at or after this instant, or null
 * @param updatedBefore only documents whose status changed before this instant, or null
 * @param text only documents whose host id, host number, remote number, customer name or failure message contains
 *             this text, ignoring case; null or blank means any
 * @param offset how many matching documents to skip (most recently updated first)
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @since 1.2
 */
public record DocumentSearch(CompanyId company, Set<SyncStatus> statuses, Set<DocumentKind> kinds, Instant updatedFrom,
                             Instant updatedBefore, String text, int offset, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 500;
    /** The longest text searched for: longer than any name or number the accounting systems take. */
    public static final int MAX_TEXT = 200;

    /** Validates the range, the text and paging. */
    public DocumentSearch {
        Objects.requireNonNull(company, "company");
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        kinds = kinds == null || kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        if (updatedFrom != null && updatedBefore != null && !updatedFrom.isBefore(updatedBefore)) {
            throw new IllegalArgumentException("the range is empty: from " + updatedFrom + " is not before " + updatedBefore);
        }
        text = text == null || text.isBlank() ? null : text.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("the text searched for is longer than " + MAX_TEXT + " characters");
        }
        if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the text searched for contains a control character");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ": " + limit);
        }
    }

    /** Every document of the company, first page. */
    public static DocumentSearch all(CompanyId company) {
        return new DocumentSearch(company, Set.of(), Set.of(), null, null, null, 0, 100);
    }
}
