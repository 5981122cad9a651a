package io.fieldsync.accounting.api.admin;

/** What a contact import decided for one contact of the accounting system. */
public enum ContactDecision {
    /** Paired with a host customer of the same name: linked, so invoices for that customer use it. */
    MAPPED,
    /** No host customer has its name: the host may create one from it. */
    CREATE_IN_HOST,
    /** Archived in the accounting system, or its name is held by several contacts: left alone. */
    IGNORED
}
