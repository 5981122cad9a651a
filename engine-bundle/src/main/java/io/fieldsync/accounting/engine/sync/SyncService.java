package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentPage;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.Ticket;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.store.SyncLogStore;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the host calls: each document is written to the journal in one short transaction and the
 * dispatcher is woken; sending happens on the dispatcher's thread, never the host's.
 */
@Component(service = AccountingSync.class)
public class SyncService implements AccountingSync {

    private final Journal journal;
    private final JournalReports reports;
    private final SyncLogStore syncLog;
    private final SetupStore setup;
    private final Json json = new Json();
    private final Dispatcher dispatcher;
    private final HostNotifier notifier;
    private final Clock clock;
    private final InvoiceDependents dependents;

    @Activate
    public SyncService(@Reference Journal journal, @Reference JournalReports reports, @Reference SyncLogStore syncLog, @Reference SetupStore setup,
                       @Reference EngineClock clock, @Reference Dispatcher dispatcher, @Reference HostNotifier notifier) {
        this.journal = journal;
        this.reports = reports;
        this.syncLog = syncLog;
        this.setup = setup;
        this.clock = clock.clock();
        this.dispatcher = dispatcher;
        this.notifier = notifier;
        this.dependents = new InvoiceDependents(journal, json);
    }

    @Override
    public Ticket invoiceLocked(CompanyId company, Invoice invoice) {
        checkCompany(company);
        Objects.requireNonNull(invoice, "invoice");
        HostDocumentRules.check(invoice);
        if (dependents.isNew(company, invoice.hostId())) {
            // payments and credit notes that came before their invoice are judged now, and fail before the invoice
            // is stored, so none of them can be sent in between (a dependent goes only after its invoice synced)
            dependents.fail(dependents.conflictsWith(company, invoice), clock.instant())
                    .forEach(failed -> notifier.documentChanged(failed.toStatus()));
        }
        return accept(DocumentRef.invoice(company, invoice.hostId()), invoice, null);
    }

    @Override
    public Ticket invoiceCancelled(CompanyId company, CreditNote creditNote) {
        checkCompany(company);
        Objects.requireNonNull(creditNote, "credit note");
        HostDocumentRules.check(creditNote);
        dependents.check(company, creditNote);
        return accept(DocumentRef.creditNote(company, creditNote.hostId()), creditNote, creditNote.invoiceHostId());
    }

    @Override
    public Ticket paymentCollected(CompanyId company, Payment payment) {
        checkCompany(company);
        Objects.requireNonNull(payment, "payment");
        HostDocumentRules.check(payment);
        dependents.check(company, payment);
        return accept(DocumentRef.payment(company, payment.hostId()), payment, payment.invoiceHostId());
    }

    @Override
    public List<Ticket> registerHistorical(CompanyId company, Collection<Invoice> invoices) {
        checkCompany(company);
        // all or nothing: one bad invoice refuses the call before any is stored
        invoices.forEach(invoice -> HostDocumentRules.check(Objects.requireNonNull(invoice, "invoice")));
        List<Ticket> tickets = new ArrayList<>();
        for (Invoice invoice : invoices) {
            String snapshot = json().write(invoice);
            Journal.Accepted accepted = journal.accept(DocumentRef.invoice(company, invoice.hostId()), snapshot,
                    Json.hash(snapshot), null, SyncStatus.NOT_ATTEMPTED, true, clock.instant());
            tickets.add(ticket(accepted.entry()));
        }
        return tickets;
    }

    @Override
    public int syncHistorical(CompanyId company, Collection<String> hostInvoiceIds) {
        Objects.requireNonNull(company, "company");
        List<JournalEntry> queued = journal.queueHistorical(company, hostInvoiceIds == null ? List.of() : hostInvoiceIds, clock.instant());
        queued.forEach(entry -> notifier.documentChanged(entry.toStatus()));
        dispatcher.wake();
        return queued.size();
    }

    @Override
    public Optional<Ticket> retry(DocumentRef document) {
        recheckAgainstInvoice(document);
        Optional<JournalEntry> queued = journal.requeue(document,
                Set.of(SyncStatus.FAILED, SyncStatus.UNSUPPORTED, SyncStatus.NOT_ATTEMPTED), clock.instant());
        queued.ifPresent(entry -> {
            notifier.documentChanged(entry.toStatus());
            dispatcher.wake();
        });
        return queued.map(SyncService::ticket);
    }

    @Override
    public int retryAllFailed(CompanyId company) {
        List<JournalEntry> queued = journal.requeueFailed(company, clock.instant());
        queued.forEach(entry -> notifier.documentChanged(entry.toStatus()));
        dispatcher.wake();
        return queued.size();
    }

    @Override
    public Optional<DocumentStatus> status(DocumentRef document) {
        return journal.find(document).map(JournalEntry::toStatus);
    }

    @Override
    public DocumentPage documents(DocumentQuery query) {
        return reports.page(query);
    }

    @Override
    public List<SyncLogEntry> syncLog(SyncLogQuery query) {
        return syncLog.find(query);
    }

    private Ticket accept(DocumentRef document, Object snapshotOf, String dependsOn) {
        String snapshot = json().write(snapshotOf);
        Instant now = clock.instant();
        Journal.Accepted accepted = journal.accept(document, snapshot, Json.hash(snapshot), dependsOn,
                syncsAutomatically(document) ? SyncStatus.PENDING : SyncStatus.NOT_ATTEMPTED, false, now);
        if (accepted.changed()) {
            notifier.documentChanged(accepted.entry().toStatus());
            dispatcher.wake();
        }
        return ticket(accepted.entry());
    }

    /** Whether the company's settings send this kind as it comes; a credit note cancels an invoice, so it follows invoices. */
    private boolean syncsAutomatically(DocumentRef document) {
        SyncSettings settings = setup.settings(document.company());
        return document.kind() == DocumentKind.PAYMENT ? settings.autoSyncPayments() : settings.autoSyncInvoices();
    }

    private static void checkCompany(CompanyId company) {
        Objects.requireNonNull(company, "company");
        HostDocumentRules.check(company);
    }

    /** A payment or credit note failed for not fitting its invoice still does not fit it, unless it was changed. */
    private void recheckAgainstInvoice(DocumentRef document) {
        if (document.kind() == DocumentKind.INVOICE || document.kind() == DocumentKind.CUSTOMER) {
            return;
        }
        journal.find(document).filter(entry -> entry.status() == SyncStatus.FAILED).ifPresent(entry -> {
            if (document.kind() == DocumentKind.PAYMENT) {
                dependents.check(document.company(), json().read(entry.snapshot(), Payment.class));
            } else {
                dependents.check(document.company(), json().read(entry.snapshot(), CreditNote.class));
            }
        });
    }

    private static Ticket ticket(JournalEntry entry) {
        return new Ticket(entry.document(), entry.revision(), entry.status(), entry.updatedAt());
    }

    private Json json() {
        return json;
    }
}
