package io.fieldsync.accounting.sandbox.xero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Allocation;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.CreditNote;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Payment;

import java.time.LocalDate;
import java.util.List;

/**
 * Every organisation's ledger as one JSON document for the control surface ({@code GET /_sandbox/ledger}), in Xero's
 * own terms: contacts, invoices and bills with their running balances, payments with their reference, credit notes
 * with their allocations. Deleted and voided records are listed with their status, so that a reader can tell what was
 * written from what survives. Each organisation is read under its lock, so its records agree with each other.
 */
final class LedgerJson {

    private LedgerJson() {
    }

    static ObjectNode of(List<Organisation> organisations) {
        ObjectNode root = SandboxJson.object().put("vendor", "xero");
        ArrayNode tenants = root.putArray("tenants");
        for (Organisation org : organisations) {
            synchronized (org) {
                tenants.add(tenant(org));
            }
        }
        return root;
    }

    private static ObjectNode tenant(Organisation org) {
        ObjectNode tenant = SandboxJson.object().put("tenantId", org.tenantId().toString()).put("name", org.name())
                .put("baseCurrency", org.baseCurrency());
        ArrayNode contacts = tenant.putArray("contacts");
        for (Contact c : org.contacts()) {
            contacts.addObject().put("contactId", c.id().toString()).put("name", c.name())
                    .put("email", c.emailAddress()).put("status", c.status());
        }
        ArrayNode invoices = tenant.putArray("invoices");
        for (Invoice i : org.invoices()) {
            invoices.addObject().put("invoiceId", i.id().toString()).put("number", i.number()).put("type", i.type())
                    .put("status", i.status() == null ? null : i.status().name())
                    .put("contactId", i.contact() == null ? null : i.contact().id().toString())
                    .put("contact", i.contact() == null ? null : i.contact().name())
                    .put("reference", i.reference()).put("date", text(i.date())).put("currency", i.currencyCode())
                    .put("subTotal", i.totals().subTotal()).put("totalTax", i.totals().totalTax())
                    .put("total", i.totals().total()).put("amountPaid", i.amountPaid())
                    .put("amountCredited", i.amountCredited()).put("amountDue", i.amountDue());
        }
        ArrayNode payments = tenant.putArray("payments");
        for (Payment p : org.payments()) {
            payments.addObject().put("paymentId", p.id().toString()).put("invoiceId", p.invoice().id().toString())
                    .put("invoiceNumber", p.invoice().number()).put("date", text(p.date())).put("amount", p.amount())
                    .put("reference", p.reference()).put("accountCode", p.account().code()).put("status", p.status());
        }
        ArrayNode creditNotes = tenant.putArray("creditNotes");
        for (CreditNote n : org.creditNotes()) {
            ObjectNode note = creditNotes.addObject().put("creditNoteId", n.id().toString()).put("number", n.number())
                    .put("type", n.type()).put("status", n.status() == null ? null : n.status().name())
                    .put("contactId", n.contact() == null ? null : n.contact().id().toString())
                    .put("contact", n.contact() == null ? null : n.contact().name())
                    .put("reference", n.reference()).put("date", text(n.date()))
                    .put("total", n.totals().total()).put("remainingCredit", n.remainingCredit());
            ArrayNode allocations = note.putArray("allocations");
            for (Allocation a : n.allocations()) {
                allocations.addObject().put("allocationId", a.id() == null ? null : a.id().toString())
                        .put("invoiceId", a.invoice().id().toString()).put("invoiceNumber", a.invoice().number())
                        .put("amount", a.amount()).put("date", text(a.date()));
            }
        }
        return tenant;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
