package io.fieldsync.accounting.api.admin;

/** What a contact import decided for one contact of the accounting system. */
public enum ContactDecision {
    /** Paired with a host customer of the same name: linked, so invoices for that customer use it. */
    MAPPED,
    /** No host customer has its name: the host may create one from it. */
    CREATE_IN_HOST,
    /** Archived in the accounting system, or its name is held by several contacts, or the admin chose so: left alone. */
    IGNORED,
    /**
     * A host customer without a contact, to be created in the accounting system with its next invoice: only an admin's
     * {@link ContactChoice} gives it (since 1.3).
     */
    CREATE_IN_ACCOUNTING_SYSTEM
}
