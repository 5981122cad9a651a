package io.fieldsync.accounting.sandbox.xero.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;

/**
 * Wire shapes of a contact: in full (GET/PUT/POST /Contacts) and as embedded in documents. Empty addresses and
 * phones are filled in as Xero does (a STREET and a POBOX address, DEFAULT/DDI/FAX/MOBILE phones).
 */
public final class ContactJson {

    private ContactJson() {
    }

    public static ObjectNode full(Contact c) {
        ObjectNode n = SandboxJson.object();
        n.put("ContactID", c.id().toString());
        putIfPresent(n, "ContactNumber", c.contactNumber());
        putIfPresent(n, "AccountNumber", c.accountNumber());
        n.put("ContactStatus", c.status());
        n.put("Name", c.name());
        putIfPresent(n, "FirstName", c.firstName());
        putIfPresent(n, "LastName", c.lastName());
        putIfPresent(n, "EmailAddress", c.emailAddress());
        n.put("BankAccountDetails", "");
        putIfPresent(n, "TaxNumber", c.taxNumber());
        n.set("Addresses", addresses(c.addresses()));
        n.set("Phones", phones(c.phones()));
        n.put("UpdatedDateUTC", XeroDates.msDateTime(c.updated()));
        n.putArray("ContactGroups");
        n.put("IsSupplier", c.supplier());
        n.put("IsCustomer", c.customer());
        putIfPresent(n, "DefaultCurrency", c.defaultCurrency());
        n.putArray("SalesTrackingCategories");
        n.putArray("PurchasesTrackingCategories");
        n.set("ContactPersons", c.contactPersons() == null ? SandboxJson.array() : c.contactPersons().deepCopy());
        n.put("HasAttachments", false);
        n.put("HasValidationErrors", false);
        return n;
    }

    /** The contact as embedded in an invoice or credit note. */
    public static ObjectNode embedded(Contact c) {
        ObjectNode n = SandboxJson.object();
        n.put("ContactID", c.id().toString());
        putIfPresent(n, "ContactNumber", c.contactNumber());
        n.put("ContactStatus", c.status());
        n.put("Name", c.name());
        putIfPresent(n, "FirstName", c.firstName());
        putIfPresent(n, "LastName", c.lastName());
        putIfPresent(n, "EmailAddress", c.emailAddress());
        n.set("Addresses", addresses(c.addresses()));
        n.set("Phones", phones(c.phones()));
        n.put("UpdatedDateUTC", XeroDates.msDateTime(c.updated()));
        n.putArray("ContactGroups");
        n.put("IsSupplier", c.supplier());
        n.put("IsCustomer", c.customer());
        n.putArray("ContactPersons");
        n.put("HasValidationErrors", false);
        return n;
    }

    /** The short form used inside payments. */
    public static ObjectNode brief(Contact c) {
        ObjectNode n = SandboxJson.object();
        n.put("ContactID", c.id().toString());
        n.put("Name", c.name());
        n.putArray("ContactPersons");
        n.put("HasValidationErrors", false);
        return n;
    }

    private static ArrayNode addresses(JsonNode sent) {
        if (sent != null && sent.isArray() && !sent.isEmpty()) {
            return (ArrayNode) sent.deepCopy();
        }
        ArrayNode list = SandboxJson.array();
        for (String type : new String[] {"STREET", "POBOX"}) {
            ObjectNode a = list.addObject();
            a.put("AddressType", type);
            a.put("City", "");
            a.put("Region", "");
            a.put("PostalCode", "");
            a.put("Country", "");
            a.put("AttentionTo", "");
        }
        return list;
    }

    private static ArrayNode phones(JsonNode sent) {
        if (sent != null && sent.isArray() && !sent.isEmpty()) {
            return (ArrayNode) sent.deepCopy();
        }
        ArrayNode list = SandboxJson.array();
        for (String type : new String[] {"DEFAULT", "DDI", "FAX", "MOBILE"}) {
            ObjectNode p = list.addObject();
            p.put("PhoneType", type);
            p.put("PhoneNumber", "");
            p.put("PhoneAreaCode", "");
            p.put("PhoneCountryCode", "");
        }
        return list;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
