package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.xero.control.InvoiceSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.LedgerCounts;
import io.fieldsync.accounting.sandbox.xero.control.PaymentSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.SandboxTenant;
import io.fieldsync.accounting.sandbox.xero.control.WebhookPost;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Payment;
import io.fieldsync.accounting.sandbox.xero.webhooks.WebhookDelivery;

/**
 * The ledger's mutable records turned into the control package's values, so that nothing outside the bundle holds
 * (or changes) the ledger itself. Callers hold the organisation's lock while a record is read.
 */
final class Snapshots {

    private Snapshots() {
    }

    static SandboxTenant tenant(Organisation org) {
        return new SandboxTenant(org.tenantId(), org.name());
    }

    static LedgerCounts counts(Organisation org) {
        return new LedgerCounts(org.contacts().size(), org.invoices().size(), org.creditNotes().size(),
                org.payments().size());
    }

    static InvoiceSnapshot invoice(Invoice i) {
        Contact contact = i.contact();
        return new InvoiceSnapshot(i.id(), i.number(), i.type(), i.status() == null ? null : i.status().name(),
                contact == null ? null : contact.name(), i.reference(), i.currencyCode(), i.date(), i.dueDate(),
                i.totals().total(), i.amountPaid(), i.amountCredited(), i.amountDue());
    }

    static PaymentSnapshot payment(Payment p) {
        return new PaymentSnapshot(p.id(), p.invoice().id(), p.invoice().number(), p.date(), p.amount(),
                p.account().code(), p.status());
    }

    static WebhookPost post(WebhookDelivery d) {
        return new WebhookPost(d.at(), d.intentToReceive(), d.correctlySigned(), d.status(), d.error(), d.body());
    }
}
