package io.fieldsync.accounting.api;

import java.util.Objects;

/**
 * Names one document of one company: what the host uses to ask about it.
 *
 * @param company the company the document belongs to
 * @param kind the kind of document
 * @param hostId the host's id of the document
 */
public record DocumentRef(CompanyId company, DocumentKind kind, String hostId) {

    /** Validates the parts. */
    public DocumentRef {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(kind, "kind");
        HostIds.require(hostId, "host id");
    }

    /** The reference of an invoice. */
    public static DocumentRef invoice(CompanyId company, String hostId) {
        return new DocumentRef(company, DocumentKind.INVOICE, hostId);
    }

    /** The reference of a credit note. */
    public static DocumentRef creditNote(CompanyId company, String hostId) {
        return new DocumentRef(company, DocumentKind.CREDIT_NOTE, hostId);
    }

    /** The reference of a payment. */
    public static DocumentRef payment(CompanyId company, String hostId) {
        return new DocumentRef(company, DocumentKind.PAYMENT, hostId);
    }

    @Override
    public String toString() {
        return company + "/" + kind + "/" + hostId;
    }
}
