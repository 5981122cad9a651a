package io.fieldsync.accounting.api.admin;

import java.util.List;
import java.util.Objects;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;

/**
 * What an explicit rebind did.
 *
 * @param company the company
 * @param provider the company's provider, where the moved documents go now
 * @param moved the documents that now go to {@code provider}
 * @param kept the documents that stay with the provider they are bound to, each with the reason
 * @since 1.1
 */
public record RebindReport(CompanyId company, String provider, List<DocumentRef> moved, List<KeptDocument> kept) {

    /** Validates the parts. */
    public RebindReport {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(provider, "provider");
        moved = List.copyOf(moved);
        kept = List.copyOf(kept);
    }

    /**
     * A document that stays where it is bound.
     *
     * @param document the document
     * @param provider the provider it stays with
     * @param reason why, in words an admin can act on
     */
    public record KeptDocument(DocumentRef document, String provider, String reason) {
    }
}
