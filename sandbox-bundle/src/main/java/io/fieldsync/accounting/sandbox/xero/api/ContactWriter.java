package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.ContactJson;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Validates one element of PUT/POST /Contacts. A name must be unique among active contacts (case-insensitive);
 * POST updates the contact named by ContactID, else by ContactNumber, else by Name, and creates otherwise.
 * IsCustomer/IsSupplier are read-only (set by documents).
 */
final class ContactWriter {

    private final ApiRequest request;
    private final Organisation org;

    ContactWriter(ApiRequest request) {
        this.request = request;
        this.org = request.org();
    }

    BatchWrite.Prepared prepare(JsonNode e, BatchContext ctx, Contact target, boolean upsert) {
        Contact existing = target;
        Optional<String> id = Fields.text(e, "ContactID");
        if (existing == null && id.isPresent()) {
            existing = Fields.parseUuid(id.get()).flatMap(org::contact).orElse(null);
            if (existing == null) {
                return BatchWrite.Prepared.invalid(echo(e), List.of(ValidationMessages.CONTACT_NOT_FOUND));
            }
        }
        if (existing == null && upsert) {
            existing = Fields.text(e, "ContactNumber").flatMap(org::contactByNumber)
                    .or(() -> Fields.text(e, "Name").flatMap(org::activeContactNamed))
                    .orElse(null);
        }
        List<String> errors = new ArrayList<>();
        Optional<String> name = Fields.text(e, "Name");
        if (existing == null && name.isEmpty()) {
            errors.add(ValidationMessages.CONTACT_NAME_REQUIRED);
        }
        Contact self = existing;
        String status = Fields.text(e, "ContactStatus").map(String::toUpperCase)
                .orElse(existing == null ? "ACTIVE" : existing.status());
        if (name.isPresent() && "ACTIVE".equals(status)) {
            boolean takenInOrg = org.activeContactNamed(name.get()).filter(c -> c != self).isPresent();
            boolean renaming = self == null || !self.name().equalsIgnoreCase(name.get());
            if (takenInOrg || (renaming && !ctx.reserve("contact:" + name.get()))) {
                errors.add(ValidationMessages.duplicateContactName(name.get()));
            }
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(echo(e), errors);
        }
        return BatchWrite.Prepared.valid(() -> {
            boolean created = self == null;
            Contact c = created ? new Contact(UUID.randomUUID(), name.get(), request.now()) : self;
            apply(e, c);
            c.status(status).touch(request.now());
            if (created) {
                org.add(c);
                org.publish(LedgerChange.created(org, c, request.now()));
            } else {
                org.publish(LedgerChange.updated(org, c, request.now()));
            }
            return ContactJson.full(c);
        });
    }

    private static void apply(JsonNode e, Contact c) {
        Fields.text(e, "Name").ifPresent(c::name);
        Fields.text(e, "FirstName").ifPresent(c::firstName);
        Fields.text(e, "LastName").ifPresent(c::lastName);
        Fields.text(e, "EmailAddress").ifPresent(c::emailAddress);
        Fields.text(e, "ContactNumber").ifPresent(c::contactNumber);
        Fields.text(e, "AccountNumber").ifPresent(c::accountNumber);
        Fields.text(e, "TaxNumber").ifPresent(c::taxNumber);
        Fields.text(e, "DefaultCurrency").ifPresent(c::defaultCurrency);
        if (e.has("Addresses") && e.get("Addresses").isArray()) {
            c.addresses(e.get("Addresses").deepCopy());
        }
        if (e.has("Phones") && e.get("Phones").isArray()) {
            c.phones(e.get("Phones").deepCopy());
        }
        if (e.has("ContactPersons") && e.get("ContactPersons").isArray()) {
            c.contactPersons(e.get("ContactPersons").deepCopy());
        }
    }

    /**
     * The element as Xero echoes a refused contact (examples/xero-validation-error-contact-duplicate-name.json):
     * a zero ContactID first, the submitted fields, ValidationErrors on each address and phone.
     */
    static ObjectNode echo(JsonNode e) {
        ObjectNode echo = SandboxJson.object();
        echo.put("ContactID", Fields.text(e, "ContactID").orElse("00000000-0000-0000-0000-000000000000"));
        e.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("ContactID")) {
                echo.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        for (String list : new String[] {"Addresses", "Phones"}) {
            JsonNode entries = echo.get(list);
            if (entries != null && entries.isArray()) {
                entries.forEach(entry -> {
                    if (entry.isObject()) {
                        ((ObjectNode) entry).putArray("ValidationErrors");
                    }
                });
            }
        }
        if (!echo.has("ContactGroups")) {
            echo.putArray("ContactGroups");
        }
        if (!echo.has("ContactPersons")) {
            echo.putArray("ContactPersons");
        }
        return echo;
    }
}
