package io.fieldsync.accounting.bench.chaos;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
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

/** An integration that records what the host handed over, in order, and reports whatever status a test sets. */
final class FakeSync implements AccountingSync {

    final List<String> calls = new ArrayList<>();
    private final Map<DocumentRef, Integer> revisions = new HashMap<>();
    private final Map<DocumentRef, SyncStatus> statuses = new HashMap<>();
    private final Clock clock;

    FakeSync(Clock clock) {
        this.clock = clock;
    }

    void status(DocumentRef document, SyncStatus status) {
        statuses.put(document, status);
    }

    private Ticket accept(DocumentRef document) {
        calls.add(document.kind() + " " + document.hostId() + " @" + clock.millis());
        int revision = revisions.merge(document, 1, Integer::sum);
        statuses.putIfAbsent(document, SyncStatus.PENDING);
        return new Ticket(document, revision, SyncStatus.PENDING, clock.instant());
    }

    @Override
    public Ticket invoiceLocked(CompanyId company, Invoice invoice) {
        return accept(DocumentRef.invoice(company, invoice.hostId()));
    }

    @Override
    public Ticket invoiceCancelled(CompanyId company, CreditNote creditNote) {
        return accept(DocumentRef.creditNote(company, creditNote.hostId()));
    }

    @Override
    public Ticket paymentCollected(CompanyId company, Payment payment) {
        return accept(DocumentRef.payment(company, payment.hostId()));
    }

    @Override
    public Optional<DocumentStatus> status(DocumentRef document) {
        SyncStatus status = statuses.get(document);
        return status == null ? Optional.empty() : Optional.of(new DocumentStatus(document, revisions.getOrDefault(document, 1), status,
                "xero", null, null, null, 0, clock.instant(), null, null));
    }

    @Override
    public List<Ticket> registerHistorical(CompanyId company, Collection<Invoice> invoices) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int syncHistorical(CompanyId company, Collection<String> hostInvoiceIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Ticket> retry(DocumentRef document) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int retryAllFailed(CompanyId company) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentPage documents(DocumentQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SyncLogEntry> syncLog(SyncLogQuery query) {
        throw new UnsupportedOperationException();
    }
}
