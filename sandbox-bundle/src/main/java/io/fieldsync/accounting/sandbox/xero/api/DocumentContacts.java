package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code Contact} of an invoice or credit note: found by ContactID, else by ContactNumber, else by Name; a name
 * that matches no active contact creates one, as Xero does (reference/api-facts.md §3.1 warns that other contact
 * fields sent on a document update the contact; the sandbox only uses them for a new contact).
 */
final class DocumentContacts {

    private DocumentContacts() {
    }

    /** Either an existing contact, a contact to create at write time, or an error. */
    record Resolved(Contact existing, JsonNode newContact, String error) {

        /** The contact to attach, created (and announced) now if it is new. */
        Contact materialise(Organisation org, Instant now) {
            if (existing != null) {
                return existing;
            }
            String name = Fields.text(newContact, "Name").orElseThrow();
            Optional<Contact> createdMeanwhile = org.activeContactNamed(name);
            if (createdMeanwhile.isPresent()) {
                return createdMeanwhile.get();
            }
            Contact c = new Contact(UUID.randomUUID(), name, now)
                    .emailAddress(Fields.text(newContact, "EmailAddress").orElse(null))
                    .contactNumber(Fields.text(newContact, "ContactNumber").orElse(null))
                    .firstName(Fields.text(newContact, "FirstName").orElse(null))
                    .lastName(Fields.text(newContact, "LastName").orElse(null));
            org.add(c);
            org.publish(LedgerChange.created(org, c, now));
            return c;
        }
    }

    static Resolved resolve(JsonNode contact, Organisation org) {
        if (contact == null || contact.isNull() || !contact.isObject()) {
            return new Resolved(null, null, ValidationMessages.CONTACT_REQUIRED);
        }
        Optional<String> id = Fields.text(contact, "ContactID");
        if (id.isPresent()) {
            return Fields.parseUuid(id.get()).flatMap(org::contact)
                    .map(c -> new Resolved(c, null, null))
                    .orElse(new Resolved(null, null, ValidationMessages.CONTACT_NOT_FOUND));
        }
        Optional<String> number = Fields.text(contact, "ContactNumber");
        if (number.isPresent()) {
            Optional<Contact> byNumber = org.contactByNumber(number.get());
            if (byNumber.isPresent()) {
                return new Resolved(byNumber.get(), null, null);
            }
        }
        Optional<String> name = Fields.text(contact, "Name");
        if (name.isEmpty()) {
            return new Resolved(null, null, number.isPresent()
                    ? ValidationMessages.CONTACT_NOT_FOUND : ValidationMessages.CONTACT_REQUIRED);
        }
        return org.activeContactNamed(name.get())
                .map(c -> new Resolved(c, null, null))
                .orElse(new Resolved(null, contact, null));
    }
}
