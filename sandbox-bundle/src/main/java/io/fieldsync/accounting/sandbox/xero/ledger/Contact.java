package io.fieldsync.accounting.sandbox.xero.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer or supplier. Addresses, phones and contact persons are kept as sent (the sandbox does not interpret
 * them). {@code IsCustomer} is set by the service when an ACCREC document is raised for the contact.
 * Mutated only under the organisation's lock.
 */
public final class Contact {

    private final UUID id;
    private String name;
    private String firstName;
    private String lastName;
    private String emailAddress;
    private String contactNumber;
    private String accountNumber;
    private String taxNumber;
    private String defaultCurrency;
    private String status = "ACTIVE";
    private boolean customer;
    private boolean supplier;
    private JsonNode addresses;
    private JsonNode phones;
    private JsonNode contactPersons;
    private Instant updated;

    public Contact(UUID id, String name, Instant created) {
        this.id = id;
        this.name = name;
        this.updated = created;
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public String firstName() { return firstName; }
    public String lastName() { return lastName; }
    public String emailAddress() { return emailAddress; }
    public String contactNumber() { return contactNumber; }
    public String accountNumber() { return accountNumber; }
    public String taxNumber() { return taxNumber; }
    public String defaultCurrency() { return defaultCurrency; }
    public String status() { return status; }
    public boolean customer() { return customer; }
    public boolean supplier() { return supplier; }
    public JsonNode addresses() { return addresses; }
    public JsonNode phones() { return phones; }
    public JsonNode contactPersons() { return contactPersons; }
    public Instant updated() { return updated; }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public Contact name(String v) { name = v; return this; }
    public Contact firstName(String v) { firstName = v; return this; }
    public Contact lastName(String v) { lastName = v; return this; }
    public Contact emailAddress(String v) { emailAddress = v; return this; }
    public Contact contactNumber(String v) { contactNumber = v; return this; }
    public Contact accountNumber(String v) { accountNumber = v; return this; }
    public Contact taxNumber(String v) { taxNumber = v; return this; }
    public Contact defaultCurrency(String v) { defaultCurrency = v; return this; }
    public Contact status(String v) { status = v; return this; }
    public Contact addresses(JsonNode v) { addresses = v; return this; }
    public Contact phones(JsonNode v) { phones = v; return this; }
    public Contact contactPersons(JsonNode v) { contactPersons = v; return this; }

    public Contact markCustomer() { customer = true; return this; }
    public Contact markSupplier() { supplier = true; return this; }

    public Contact touch(Instant now) {
        updated = now;
        return this;
    }
}
