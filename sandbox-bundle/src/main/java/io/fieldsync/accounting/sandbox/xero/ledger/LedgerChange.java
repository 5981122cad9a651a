package io.fieldsync.accounting.sandbox.xero.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something a webhook would report: a CONTACT, INVOICE or CREDITNOTE was created or updated.
 *
 * @param resource the API collection the resource lives in (Contacts, Invoices, CreditNotes)
 * @param data     extra event data (credit notes carry Type and Status)
 */
public record LedgerChange(UUID tenantId, String category, String eventType, UUID resourceId, String resource,
                           Map<String, String> data, Instant at) {

    public static LedgerChange created(Organisation org, Contact c, Instant at) {
        return new LedgerChange(org.tenantId(), "CONTACT", "CREATE", c.id(), "Contacts", Map.of(), at);
    }

    public static LedgerChange updated(Organisation org, Contact c, Instant at) {
        return new LedgerChange(org.tenantId(), "CONTACT", "UPDATE", c.id(), "Contacts", Map.of(), at);
    }

    public static LedgerChange created(Organisation org, Invoice i, Instant at) {
        return new LedgerChange(org.tenantId(), "INVOICE", "CREATE", i.id(), "Invoices", Map.of(), at);
    }

    public static LedgerChange updated(Organisation org, Invoice i, Instant at) {
        return new LedgerChange(org.tenantId(), "INVOICE", "UPDATE", i.id(), "Invoices", Map.of(), at);
    }

    public static LedgerChange created(Organisation org, CreditNote c, Instant at) {
        return new LedgerChange(org.tenantId(), "CREDITNOTE", "CREATE", c.id(), "CreditNotes",
                Map.of("Type", c.type(), "Status", c.status().name()), at);
    }

    public static LedgerChange updated(Organisation org, CreditNote c, Instant at) {
        return new LedgerChange(org.tenantId(), "CREDITNOTE", "UPDATE", c.id(), "CreditNotes",
                Map.of("Type", c.type(), "Status", c.status().name()), at);
    }
}
