package io.fieldsync.accounting.api.admin;

import java.util.List;

/**
 * The report of a contact import: every contact of the accounting system with its decision, and the
 * host customers no contact matched (they are created in the accounting system with their first invoice).
 *
 * @param contacts every contact read, with what was decided
 * @param hostCustomersWithoutContact host customer ids with no contact of the same name
 */
public record ContactImport(List<ImportedContact> contacts, List<String> hostCustomersWithoutContact) {

    /** Copies the lists. */
    public ContactImport {
        contacts = List.copyOf(contacts);
        hostCustomersWithoutContact = List.copyOf(hostCustomersWithoutContact);
    }

    /** How many contacts got {@code decision}. */
    public long count(ContactDecision decision) {
        return contacts.stream().filter(contact -> contact.decision() == decision).count();
    }
}
