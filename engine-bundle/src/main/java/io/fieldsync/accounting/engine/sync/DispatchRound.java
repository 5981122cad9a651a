package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.RateLimitedException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.StoredConnection;

/**
 * One pass over one company's due documents with the active provider: invoices (customers linked
 * first), then credit notes, then payments, one provider batch of each. Every document ends the pass
 * with a recorded status; a document's own problem never holds up the others.
 */
final class DispatchRound {

    private static final Duration WAIT_FOR_CONNECTION = Duration.ofMinutes(10);
    private static final Duration WAIT_FOR_PREREQUISITE = Duration.ofMinutes(5);

    /** The lane must stop for now (a limit, a lost connection); what is left waits for the next pass. */
    private static final class LaneStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaneStopped() {
            super(null, null, false, false);
        }
    }

    /** A document read from its snapshot and ready to be sent. */
    private record Ready<T>(JournalEntry entry, T document) {
    }

    private final EngineStores stores;
    private final ActiveProvider provider;
    private final Recorder recorder;
    private final Lanes lanes;
    private final TokenRefresher refresher;
    private final Clock clock;

    DispatchRound(EngineStores stores, ActiveProvider provider, Recorder recorder, Lanes lanes, TokenRefresher refresher, Clock clock) {
        this.stores = stores;
        this.provider = provider;
        this.recorder = recorder;
        this.lanes = lanes;
        this.refresher = refresher;
        this.clock = clock;
    }

    /** Sends what is due for {@code company}; returns how many documents got an outcome or a new wait. */
    int run(CompanyId company) {
        Optional<StoredConnection> connection = usableConnection(company);
        if (connection.isEmpty() || lanes.quiet(company, provider.id()).isPresent()) {
            return 0;
        }
        EngineSession session = new EngineSession(stores, provider, connection.get(), refresher, lanes);
        int handled = 0;
        try {
            handled += invoices(session, company);
            handled += creditNotes(session, company);
            handled += payments(session, company);
        } catch (LaneStopped stopped) {
            // the rest of this company's documents wait for the lane to open again
        }
        return handled;
    }

    private Optional<StoredConnection> usableConnection(CompanyId company) {
        Optional<StoredConnection> connection = stores.connections().find(company, provider.id());
        if (connection.isPresent() && connection.get().state() == ConnectionState.CONNECTED && connection.get().tokens() != null) {
            return connection;
        }
        SyncError why = connection.isPresent() && connection.get().state() == ConnectionState.EXPIRED
                ? SyncError.of(ErrorCode.CONNECTION_EXPIRED, provider.descriptor().displayName())
                : SyncError.of(ErrorCode.NOT_CONNECTED, provider.descriptor().displayName());
        Instant now = clock.instant();
        for (DocumentKind kind : DocumentKind.values()) {
            recorder.waiting(stores.journal().due(company, kind, provider.id(), now, 1000), SyncStatus.DISCONNECTED, why,
                    now.plus(WAIT_FOR_CONNECTION));
        }
        return Optional.empty();
    }

    private int invoices(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.INVOICE);
        if (due.isEmpty() || allUnsupported(due, ProviderCapability.INVOICES, "Sending invoices")) {
            return due.size();
        }
        MappingCheck mappings = mappingCheck(company);
        InvoiceStatusOnPush pushAs = stores.setup().settings(company).pushInvoicesAs();
        List<Ready<Invoice>> ready = new ArrayList<>();
        for (JournalEntry entry : due) {
            Invoice invoice = json().read(entry.snapshot(), Invoice.class);
            Optional<SyncError> unsupported = invoiceUnsupported(entry, invoice, pushAs);
            if (unsupported.isPresent()) {
                recorder.unsupported(entry, provider.id(), unsupported.get());
                continue;
            }
            Optional<SyncError> problem = CustomerCheck.problem(invoice.customer())
                    .or(() -> MappingCheck.asError(mappings.gaps(invoice.lines())));
            if (problem.isPresent()) {
                recorder.failedBeforeSending(entry, provider.id(), problem.get());
                continue;
            }
            ready.add(new Ready<>(entry, invoice));
        }
        Map<String, String> customers = linkCustomers(session, company, ready);
        List<InvoicePush> pushes = new ArrayList<>();
        List<JournalEntry> sent = new ArrayList<>();
        for (Ready<Invoice> invoice : ready) {
            String remoteCustomer = customers.get(invoice.document().customer().hostId());
            if (remoteCustomer != null) {
                JournalEntry entry = invoice.entry();
                pushes.add(new InvoicePush(entry.document(), key(entry), invoice.document(), remoteCustomer,
                        entry.wasSyncedBefore() ? entry.remoteId() : null, entry.status() == SyncStatus.OUTCOME_UNKNOWN));
                sent.add(entry);
            }
        }
        if (!pushes.isEmpty()) {
            call(sent, true, () -> provider.provider().pushInvoices(session, pushes))
                    .ifPresent(outcomes -> apply(sent, outcomes));
        }
        return due.size();
    }

    private int creditNotes(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.CREDIT_NOTE);
        if (due.isEmpty()) {
            return 0;
        }
        MappingCheck mappings = mappingCheck(company);
        List<CreditNotePush> pushes = new ArrayList<>();
        List<JournalEntry> sent = new ArrayList<>();
        for (JournalEntry entry : due) {
            CreditNote creditNote = json().read(entry.snapshot(), CreditNote.class);
            ProviderCapability needed = creditNote.fullCancellation() ? ProviderCapability.CREDIT_NOTES : ProviderCapability.PARTIAL_CREDIT_NOTES;
            if (!provider.descriptor().supports(needed)) {
                recorder.unsupported(entry, provider.id(), SyncError.of(ErrorCode.UNSUPPORTED,
                        creditNote.fullCancellation() ? "Sending credit notes" : "Sending partial credit notes"));
                continue;
            }
            Optional<JournalEntry> invoice = syncedInvoice(entry, creditNote.invoiceHostId());
            Optional<String> remoteCustomer = invoice.flatMap(found -> remoteCustomerOf(entry, found));
            if (remoteCustomer.isEmpty()) {
                continue;
            }
            Optional<SyncError> problem = MappingCheck.asError(mappings.gaps(creditNote.lines()));
            if (problem.isPresent()) {
                recorder.failedBeforeSending(entry, provider.id(), problem.get());
                continue;
            }
            pushes.add(new CreditNotePush(entry.document(), key(entry), creditNote, remoteCustomer.get(),
                    invoice.get().remoteId(), entry.status() == SyncStatus.OUTCOME_UNKNOWN));
            sent.add(entry);
        }
        if (!pushes.isEmpty()) {
            call(sent, true, () -> provider.provider().pushCreditNotes(session, pushes)).ifPresent(outcomes -> apply(sent, outcomes));
        }
        return due.size();
    }

    private int payments(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.PAYMENT);
        if (due.isEmpty() || allUnsupported(due, ProviderCapability.PAYMENTS, "Sending payments")) {
            return due.size();
        }
        MappingCheck mappings = mappingCheck(company);
        List<PaymentPush> pushes = new ArrayList<>();
        List<JournalEntry> sent = new ArrayList<>();
        for (JournalEntry entry : due) {
            Payment payment = json().read(entry.snapshot(), Payment.class);
            Optional<SyncError> problem = mappings.depositGap(payment.method()).flatMap(gap -> MappingCheck.asError(List.of(gap)));
            if (problem.isPresent()) {
                recorder.failedBeforeSending(entry, provider.id(), problem.get());
                continue;
            }
            Optional<JournalEntry> invoice = syncedInvoice(entry, payment.invoiceHostId());
            Optional<String> remoteCustomer = invoice.flatMap(found -> remoteCustomerOf(entry, found));
            if (remoteCustomer.isEmpty()) {
                continue;
            }
            String deposit = mappings.depositAccount(payment.method()).orElseThrow();
            pushes.add(new PaymentPush(entry.document(), key(entry), payment, invoice.get().remoteId(), remoteCustomer.get(),
                    deposit, entry.status() == SyncStatus.OUTCOME_UNKNOWN));
            sent.add(entry);
        }
        if (!pushes.isEmpty()) {
            call(sent, true, () -> provider.provider().pushPayments(session, pushes)).ifPresent(outcomes -> apply(sent, outcomes));
        }
        return due.size();
    }

    /**
     * Finds or creates the remote contacts of the invoices' customers, reusing stored links while the
     * customer is unchanged. Returns host customer id → remote id; invoices whose customer could not be
     * linked are recorded here.
     */
    private Map<String, String> linkCustomers(EngineSession session, CompanyId company, List<Ready<Invoice>> invoices) {
        Map<String, String> remoteIds = new HashMap<>();
        Map<String, CustomerPush> toPush = new LinkedHashMap<>();
        Map<String, List<JournalEntry>> invoicesOf = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        CustomerLinks links = stores.customerLinks();
        for (Ready<Invoice> invoice : invoices) {
            Customer customer = invoice.document().customer();
            String hash = Json.hash(json().write(customer));
            Optional<CustomerLinks.Link> link = links.find(company, provider.id(), customer.hostId());
            if (link.isPresent() && link.get().customerHash().equals(hash)) {
                remoteIds.put(customer.hostId(), link.get().remoteId());
                continue;
            }
            invoicesOf.computeIfAbsent(customer.hostId(), id -> new ArrayList<>()).add(invoice.entry());
            hashes.put(customer.hostId(), hash);
            toPush.computeIfAbsent(customer.hostId(), id -> new CustomerPush(new DocumentRef(company, DocumentKind.CUSTOMER, id),
                    IdempotencyKey.derive("customer", company.value(), provider.id(), id, hash), customer,
                    link.map(CustomerLinks.Link::remoteId).orElse(null)));
        }
        if (toPush.isEmpty()) {
            return remoteIds;
        }
        if (!provider.descriptor().supports(ProviderCapability.CUSTOMERS)) {
            invoicesOf.values().stream().flatMap(List::stream).forEach(entry ->
                    recorder.unsupported(entry, provider.id(), SyncError.of(ErrorCode.UNSUPPORTED, "Sending customers")));
            return remoteIds;
        }
        List<CustomerPush> all = new ArrayList<>(toPush.values());
        int size = provider.descriptor().limits().batchSize(DocumentKind.CUSTOMER);
        for (int from = 0; from < all.size(); from += size) {
            List<CustomerPush> batch = all.subList(from, Math.min(all.size(), from + size));
            List<JournalEntry> waiting = batch.stream().flatMap(push -> invoicesOf.get(push.customer().hostId()).stream()).toList();
            Optional<Map<DocumentRef, PushOutcome>> outcomes = call(waiting, false, () -> provider.provider().pushCustomers(session, batch));
            if (outcomes.isEmpty()) {
                continue;
            }
            for (CustomerPush push : batch) {
                String hostId = push.customer().hostId();
                PushOutcome outcome = outcomes.get().get(push.document());
                List<JournalEntry> affected = invoicesOf.get(hostId);
                if (outcome == null || outcome.status() == io.fieldsync.accounting.api.spi.OutcomeStatus.UNKNOWN) {
                    recorder.retryLater(affected, provider.id(), outcome == null
                            ? SyncError.of(ErrorCode.INTERNAL_ERROR, "Linking customer '" + push.customer().name() + "'")
                            : outcome.error());
                    continue;
                }
                switch (outcome.status()) {
                    case SYNCED, ALREADY_PRESENT -> {
                        links.link(company, provider.id(), hostId, outcome.remoteId(), hashes.get(hostId), push.customer().name(),
                                clock.instant());
                        remoteIds.put(hostId, outcome.remoteId());
                    }
                    case UNSUPPORTED -> affected.forEach(entry -> recorder.unsupported(entry, provider.id(), outcome.error()));
                    default -> affected.forEach(entry -> recorder.failedBeforeSending(entry, provider.id(), outcome.error()));
                }
            }
        }
        return remoteIds;
    }

    /**
     * Makes one provider call and turns whole-call failures into statuses.
     *
     * @param documentsSent true when the call carries the entries themselves (an exception may then
     *                      mean they were applied), false when it only prepares them (customers)
     * @return the outcomes by document, or empty when the call failed as a whole (already recorded)
     */
    private Optional<Map<DocumentRef, PushOutcome>> call(List<JournalEntry> entries, boolean documentsSent,
                                                         Supplier<List<PushOutcome>> call) {
        CompanyId company = entries.get(0).document().company();
        try {
            Map<DocumentRef, PushOutcome> outcomes = new HashMap<>();
            for (PushOutcome outcome : call.get()) {
                outcomes.put(outcome.document(), outcome);
            }
            return Optional.of(outcomes);
        } catch (RateLimitedException limited) {
            lanes.pause(company, provider.id(), limited.limit(), limited.retryAfter());
            recorder.waiting(entries, SyncStatus.PENDING, limited.error(), clock.instant().plus(limited.retryAfter()));
            throw new LaneStopped();
        } catch (AccountingException refused) {
            switch (refused.code()) {
                case CONNECTION_EXPIRED, NOT_CONNECTED -> {
                    stores.connections().find(company, provider.id()).ifPresent(connection ->
                            stores.connections().save(connection.with(ConnectionState.EXPIRED, refused.error())));
                    recorder.waiting(entries, SyncStatus.DISCONNECTED, refused.error(), clock.instant().plus(WAIT_FOR_CONNECTION));
                    throw new LaneStopped();
                }
                case PROVIDER_UNAVAILABLE -> {
                    recorder.retryLater(entries, provider.id(), refused.error());
                    throw new LaneStopped();
                }
                default -> entries.forEach(entry -> {
                    if (documentsSent) {
                        recorder.outcome(entry, provider.id(), PushOutcome.failed(entry.document(), refused.error()));
                    } else {
                        recorder.failedBeforeSending(entry, provider.id(), refused.error());
                    }
                });
            }
            return Optional.empty();
        } catch (RuntimeException broken) {
            SyncError error = SyncError.of(ErrorCode.INTERNAL_ERROR, "Sending to " + provider.descriptor().displayName())
                    .withDetail(broken.toString());
            if (documentsSent) {
                // the provider may have sent them before it broke: reconcile, never resend blindly
                recorder.unknown(entries, provider.id(), error);
            } else {
                recorder.retryLater(entries, provider.id(), error);
            }
            return Optional.empty();
        }
    }

    private void apply(List<JournalEntry> sent, Map<DocumentRef, PushOutcome> outcomes) {
        for (JournalEntry entry : sent) {
            PushOutcome outcome = outcomes.get(entry.document());
            recorder.outcome(entry, provider.id(), outcome != null ? outcome
                    : PushOutcome.unknown(entry.document(), provider.id() + " returned no outcome for this document"));
        }
    }

    /** The synced invoice a credit note or payment belongs to; records why not when there is none yet. */
    private Optional<JournalEntry> syncedInvoice(JournalEntry dependent, String invoiceHostId) {
        CompanyId company = dependent.document().company();
        Optional<JournalEntry> invoice = stores.journal().find(DocumentRef.invoice(company, invoiceHostId));
        if (invoice.isEmpty()) {
            recorder.failedBeforeSending(dependent, provider.id(), new SyncError(ErrorCode.PREREQUISITE_MISSING,
                    "Invoice " + invoiceHostId + " was never handed over for sync. " + ErrorCode.PREREQUISITE_MISSING.action(), null));
            return Optional.empty();
        }
        JournalEntry found = invoice.get();
        if (found.remoteId() == null || !provider.id().equals(found.provider())) {
            String where = found.remoteId() != null ? " is in " + found.provider() + ", not in " + provider.id()
                    : " is not synced yet (" + found.status() + ")";
            recorder.waiting(List.of(dependent), SyncStatus.PENDING, new SyncError(ErrorCode.PREREQUISITE_MISSING,
                    "Waiting for invoice " + invoiceHostId + ": it" + where + ". This document is sent right after it.", null),
                    clock.instant().plus(WAIT_FOR_PREREQUISITE));
            return Optional.empty();
        }
        return invoice;
    }

    /** The remote contact of a synced invoice; a dependent whose invoice has none (links lost) is retried later. */
    private Optional<String> remoteCustomerOf(JournalEntry dependent, JournalEntry invoice) {
        Invoice document = json().read(invoice.snapshot(), Invoice.class);
        Optional<String> remoteId = stores.customerLinks()
                .find(invoice.document().company(), provider.id(), document.customer().hostId())
                .map(CustomerLinks.Link::remoteId);
        if (remoteId.isEmpty()) {
            recorder.retryLater(List.of(dependent), provider.id(), SyncError.of(ErrorCode.INTERNAL_ERROR,
                    "Finding the " + provider.id() + " contact of invoice " + invoice.document().hostId()));
        }
        return remoteId;
    }

    private Optional<SyncError> invoiceUnsupported(JournalEntry entry, Invoice invoice, InvoiceStatusOnPush pushAs) {
        if (entry.wasSyncedBefore() && !provider.descriptor().supports(ProviderCapability.INVOICE_UPDATES)) {
            return Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Updating an invoice already sent"));
        }
        if (invoice.lines().stream().anyMatch(line -> line.taxRateIds().size() > 1)
                && !provider.descriptor().supports(ProviderCapability.MULTIPLE_TAXES_PER_LINE)) {
            return Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Several tax rates on one line"));
        }
        if (pushAs == InvoiceStatusOnPush.DRAFT && !provider.descriptor().supports(ProviderCapability.DRAFT_INVOICES)) {
            return Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Sending invoices as drafts"));
        }
        return Optional.empty();
    }

    private boolean allUnsupported(List<JournalEntry> due, ProviderCapability capability, String what) {
        if (provider.descriptor().supports(capability)) {
            return false;
        }
        due.forEach(entry -> recorder.unsupported(entry, provider.id(), SyncError.of(ErrorCode.UNSUPPORTED, what)));
        return true;
    }

    private List<JournalEntry> due(CompanyId company, DocumentKind kind) {
        return stores.journal().due(company, kind, provider.id(), clock.instant(), provider.descriptor().limits().batchSize(kind));
    }

    private MappingCheck mappingCheck(CompanyId company) {
        return new MappingCheck(stores.setup().mappings(company, provider.id()),
                stores.setup().referenceData(company, provider.id()), provider.descriptor().displayName());
    }

    /** Stable for every attempt of one revision with one provider, different for anything else. */
    private IdempotencyKey key(JournalEntry entry) {
        return IdempotencyKey.derive("journal", Long.toString(entry.id()), Integer.toString(entry.revision()), provider.id());
    }

    private Json json() {
        return stores.json();
    }
}
