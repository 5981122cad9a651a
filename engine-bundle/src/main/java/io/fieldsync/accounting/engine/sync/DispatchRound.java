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
import java.util.function.BooleanSupplier;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.connections.LaneId;
import io.fieldsync.accounting.engine.connections.LaneWait;
import io.fieldsync.accounting.engine.connections.Lanes;
import io.fieldsync.accounting.engine.connections.TokenRefresher;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.StoredConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one company's due documents with the active provider: invoices (customers linked
 * first), then credit notes, then payments, one provider batch of each. Every document ends the pass
 * with a recorded status; a document's own problem never holds up the others.
 *
 * <p>Before a batch goes out its documents are recorded as SENDING, in doubt: should the answer never be
 * recorded (the engine killed, the database failing, the connection dropped), the next attempt looks the
 * documents up in the accounting system before writing anything. Only an answer naming the remote
 * document ends that doubt.
 */
final class DispatchRound {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchRound.class);
    private static final Duration WAIT_FOR_PREREQUISITE = Duration.ofMinutes(5);

    /** A document read from its snapshot and ready to be sent. */
    private record Ready<T>(JournalEntry entry, T document) {
    }

    private final EngineStores stores;
    private final ActiveProvider provider;
    private final Recorder recorder;
    private final Lanes lanes;
    private final TokenRefresher refresher;
    private final Clock clock;
    private final AttemptKeys keys;
    private final BatchCalls calls;
    private final InvoiceDependents dependents;

    DispatchRound(EngineStores stores, ActiveProvider provider, Recorder recorder, Lanes lanes, TokenRefresher refresher, Clock clock,
                  BooleanSupplier stopping) {
        this.stores = stores;
        this.provider = provider;
        this.recorder = recorder;
        this.lanes = lanes;
        this.refresher = refresher;
        this.clock = clock;
        this.keys = new AttemptKeys(stores.installationId(), provider.id());
        this.calls = new BatchCalls(stores, provider, recorder, lanes, clock, stopping);
        this.dependents = new InvoiceDependents(stores);
    }

    /** Sends what is due for {@code company}; returns how many documents got an outcome or a new wait. */
    int run(CompanyId company) {
        Optional<StoredConnection> connection = usableConnection(company);
        if (connection.isEmpty()) {
            return 0;
        }
        Optional<LaneWait> wait = lanes.waitBeforeCall(new LaneId(company, provider.id()));
        if (wait.isPresent()) {
            return wait.get().limit() == RateLimit.DAY ? deferForTheDay(company, wait.get()) : 0;
        }
        EngineSession session = new EngineSession(stores, provider, connection.get(), refresher, lanes);
        int handled = 0;
        try {
            handled += invoices(session, company);
            handled += creditNotes(session, company);
            handled += payments(session, company);
        } catch (BatchCalls.LaneStopped stopped) {
            // the rest of this company's documents wait for the lane to open again, or for the engine's next start
        }
        return handled;
    }

    /**
     * The connection's daily budget is spent: its documents wait PENDING until the day resets, with the reason, and
     * are not looked at again before then. Nothing of theirs fails.
     */
    private int deferForTheDay(CompanyId company, LaneWait wait) {
        Instant now = clock.instant();
        int deferred = 0;
        for (DocumentKind kind : DocumentKind.values()) {
            List<JournalEntry> due = stores.journal().due(company, kind, provider.id(), now, 1000);
            recorder.waiting(due, SyncStatus.PENDING, wait.reason(), wait.until());
            deferred += due.size();
        }
        return deferred;
    }

    private Optional<StoredConnection> usableConnection(CompanyId company) {
        Optional<StoredConnection> connection = stores.connections().find(company, provider.id());
        if (connection.isPresent() && connection.get().state() == ConnectionState.CONNECTED && connection.get().tokens() != null) {
            return connection;
        }
        SyncError why = connection.isPresent() && connection.get().state() == ConnectionState.EXPIRED
                ? connection.get().lastError() != null && connection.get().lastError().code() == ErrorCode.CONNECTION_EXPIRED
                        ? connection.get().lastError() : SyncError.of(ErrorCode.CONNECTION_EXPIRED, provider.descriptor().displayName())
                : SyncError.of(ErrorCode.NOT_CONNECTED, provider.descriptor().displayName());
        Instant now = clock.instant();
        for (DocumentKind kind : DocumentKind.values()) {
            recorder.waiting(stores.journal().due(company, kind, provider.id(), now, 1000), SyncStatus.DISCONNECTED, why,
                    now.plus(BatchCalls.WAIT_FOR_CONNECTION));
        }
        return Optional.empty();
    }

    private int invoices(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.INVOICE);
        if (due.isEmpty() || allUnsupported(due, ProviderCapability.INVOICES, "Sending invoices")) {
            return due.size();
        }
        LineBookings bookings = lineBookings(company);
        SyncSettings settings = stores.setup().settings(company);
        InvoiceStatusOnPush pushAs = settings.pushInvoicesAs();
        Map<DocumentRef, List<BookedLine>> booked = new HashMap<>();
        List<Ready<Invoice>> ready = new ArrayList<>();
        for (JournalEntry entry : due) {
            prepare(entry, () -> {
                Invoice invoice = json().read(entry.snapshot(), Invoice.class);
                Optional<SyncError> unsupported = invoiceUnsupported(entry, invoice, pushAs);
                if (unsupported.isPresent()) {
                    recorder.unsupported(entry, provider.id(), unsupported.get());
                    return;
                }
                LineBookings.Booking booking = bookings.book(invoice.lines());
                Optional<SyncError> problem = CustomerCheck.problem(invoice.customer()).or(booking::problem);
                if (problem.isPresent()) {
                    recorder.failedBeforeSending(entry, provider.id(), problem.get());
                    return;
                }
                booked.put(entry.document(), booking.lines());
                ready.add(new Ready<>(entry, invoice));
            });
        }
        Map<String, String> customers = linkCustomers(session, company, ready);
        String context = payloadContext(company);
        List<BatchCalls.Sendable<InvoicePush>> sendable = new ArrayList<>();
        for (Ready<Invoice> invoice : ready) {
            String remoteCustomer = customers.get(invoice.document().customer().hostId());
            if (remoteCustomer != null) {
                JournalEntry entry = invoice.entry();
                prepare(entry, () -> {
                    String remoteInvoice = entry.wasSyncedBefore() ? entry.remoteId() : null;
                    sendable.add(new BatchCalls.Sendable<>(entry, new InvoicePush(entry.document(),
                            keys.document(entry, entry.snapshotHash(), remoteCustomer, remoteInvoice, context), invoice.document(),
                            remoteCustomer, remoteInvoice, entry.inDoubt(), booked.get(entry.document()), pushAs, settings.keepHostInvoiceNumbers())));
                });
            }
        }
        calls.send(sendable, InvoicePush::key, pushes -> provider.provider().documents().pushInvoices(session, pushes));
        return due.size();
    }

    private int creditNotes(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.CREDIT_NOTE);
        if (due.isEmpty()) {
            return 0;
        }
        LineBookings bookings = lineBookings(company);
        boolean keepNumbers = stores.setup().settings(company).keepHostInvoiceNumbers();
        String context = payloadContext(company);
        List<BatchCalls.Sendable<CreditNotePush>> sendable = new ArrayList<>();
        for (JournalEntry entry : due) {
            prepare(entry, () -> {
                CreditNote creditNote = json().read(entry.snapshot(), CreditNote.class);
                ProviderCapability needed = creditNote.fullCancellation() ? ProviderCapability.CREDIT_NOTES : ProviderCapability.PARTIAL_CREDIT_NOTES;
                if (!provider.descriptor().supports(needed)) {
                    recorder.unsupported(entry, provider.id(), SyncError.of(ErrorCode.UNSUPPORTED,
                            creditNote.fullCancellation() ? "Sending credit notes" : "Sending partial credit notes"));
                    return;
                }
                if (entry.wasSyncedBefore() && !provider.descriptor().supports(ProviderCapability.CREDIT_NOTE_UPDATES)) {
                    recorder.unsupported(entry, provider.id(), SyncError.of(ErrorCode.UNSUPPORTED,
                            "Changing a credit note already sent (it stays as first sent: change it in the accounting system by hand)"));
                    return;
                }
                Optional<JournalEntry> invoice = syncedInvoice(entry, creditNote.invoiceHostId());
                Optional<String> remoteCustomer = invoice.flatMap(found -> remoteCustomerOf(entry, found));
                if (remoteCustomer.isEmpty()) {
                    return;
                }
                LineBookings.Booking booking = bookings.book(creditNote.lines());
                Optional<SyncError> problem = booking.problem().or(() -> misfit(() -> dependents.check(company, creditNote)));
                if (problem.isPresent()) {
                    recorder.failedBeforeSending(entry, provider.id(), problem.get());
                    return;
                }
                String remoteCreditNote = entry.wasSyncedBefore() ? entry.remoteId() : null;
                sendable.add(new BatchCalls.Sendable<>(entry, new CreditNotePush(entry.document(),
                        keys.document(entry, entry.snapshotHash(), remoteCustomer.get(), invoice.get().remoteId(), remoteCreditNote, context),
                        creditNote, remoteCustomer.get(), invoice.get().remoteId(), entry.inDoubt(), remoteCreditNote, booking.lines(),
                        keepNumbers)));
            });
        }
        calls.send(sendable, CreditNotePush::key, pushes -> provider.provider().documents().pushCreditNotes(session, pushes));
        return due.size();
    }

    private int payments(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.PAYMENT);
        if (due.isEmpty() || allUnsupported(due, ProviderCapability.PAYMENTS, "Sending payments")) {
            return due.size();
        }
        MappingCheck mappings = lineBookings(company).check();
        String context = payloadContext(company);
        List<BatchCalls.Sendable<PaymentPush>> sendable = new ArrayList<>();
        for (JournalEntry entry : due) {
            prepare(entry, () -> {
                Payment payment = json().read(entry.snapshot(), Payment.class);
                if (entry.wasSyncedBefore() && !provider.descriptor().supports(ProviderCapability.PAYMENT_UPDATES)) {
                    recorder.unsupported(entry, provider.id(), SyncError.of(ErrorCode.UNSUPPORTED,
                            "Changing a payment already sent (it stays as first sent: change it in the accounting system by hand)"));
                    return;
                }
                Optional<SyncError> problem = mappings.depositGap(payment.method()).flatMap(gap -> MappingCheck.asError(List.of(gap)))
                        .or(() -> misfit(() -> dependents.check(company, payment)));
                if (problem.isPresent()) {
                    recorder.failedBeforeSending(entry, provider.id(), problem.get());
                    return;
                }
                Optional<JournalEntry> invoice = syncedInvoice(entry, payment.invoiceHostId());
                Optional<String> remoteCustomer = invoice.flatMap(found -> remoteCustomerOf(entry, found));
                if (remoteCustomer.isEmpty()) {
                    return;
                }
                String deposit = mappings.depositAccount(payment.method()).orElseThrow();
                String remotePayment = entry.wasSyncedBefore() ? entry.remoteId() : null;
                sendable.add(new BatchCalls.Sendable<>(entry, new PaymentPush(entry.document(),
                        keys.document(entry, entry.snapshotHash(), invoice.get().remoteId(), remoteCustomer.get(), deposit, remotePayment, context),
                        payment, invoice.get().remoteId(), remoteCustomer.get(), deposit, entry.inDoubt(), remotePayment)));
            });
        }
        calls.send(sendable, PaymentPush::key, pushes -> provider.provider().documents().pushPayments(session, pushes));
        return due.size();
    }

    /**
     * Why a payment or credit note no longer fits its invoice (checked at the call too; a retry by the admin, or
     * documents handed over before their invoice, come back here), or empty.
     */
    private static Optional<SyncError> misfit(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (io.fieldsync.accounting.api.InvalidInputException misfit) {
            return Optional.of(misfit.error());
        }
    }

    /**
     * Prepares one document; whatever goes wrong with it (an unreadable snapshot, a value the provider's
     * records refuse) fails that document with the reason, never the company's round.
     */
    private void prepare(JournalEntry entry, Runnable preparation) {
        try {
            preparation.run();
        } catch (BatchCalls.LaneStopped stopped) {
            throw stopped;
        } catch (RuntimeException broken) {
            LOG.warn("Accounting document {} could not be prepared for {}; it is marked failed and the others go on",
                    entry.document(), provider.id(), broken);
            recorder.failedBeforeSending(entry, provider.id(), SyncError.of(ErrorCode.INTERNAL_ERROR,
                    "Preparing " + entry.document().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                            + entry.document().hostId() + " for " + provider.descriptor().displayName()).withDetail(broken.toString()));
        }
    }

    /**
     * Finds or creates the remote contacts of the invoices' customers, reusing stored links while the
     * customer is unchanged. Returns host customer id → remote id; invoices whose customer could not be
     * linked are recorded here. Customers need no attempt record: providers find them (by email, then
     * name) before creating, so a repeat links the one created before.
     */
    private Map<String, String> linkCustomers(EngineSession session, CompanyId company, List<Ready<Invoice>> invoices) {
        Map<String, String> remoteIds = new HashMap<>();
        Map<String, CustomerPush> toPush = new LinkedHashMap<>();
        Map<String, List<JournalEntry>> invoicesOf = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        CustomerLinks links = stores.customerLinks();
        for (Ready<Invoice> invoice : invoices) {
            prepare(invoice.entry(), () -> {
                Customer customer = invoice.document().customer();
                String hash = Json.hash(json().write(customer));
                Optional<CustomerLinks.Link> link = links.find(company, provider.id(), customer.hostId());
                if (link.isPresent() && link.get().customerHash().equals(hash)) {
                    remoteIds.put(customer.hostId(), link.get().remoteId());
                    return;
                }
                // the first invoice's currency: QuickBooks fixes a customer's currency when it creates it
                toPush.computeIfAbsent(customer.hostId(), id -> new CustomerPush(new DocumentRef(company, DocumentKind.CUSTOMER, id),
                        keys.customer(company, id, hash), customer, link.map(CustomerLinks.Link::remoteId).orElse(null),
                        invoice.document().currency()));
                invoicesOf.computeIfAbsent(customer.hostId(), id -> new ArrayList<>()).add(invoice.entry());
                hashes.putIfAbsent(customer.hostId(), hash);
            });
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
            calls.checkRunning(List.of());
            Optional<Map<DocumentRef, PushOutcome>> outcomes = calls.prepareCall(waiting, () -> provider.provider().documents().pushCustomers(session, batch));
            if (outcomes.isEmpty()) {
                continue;
            }
            for (CustomerPush push : batch) {
                String hostId = push.customer().hostId();
                PushOutcome outcome = outcomes.get().get(push.document());
                List<JournalEntry> affected = invoicesOf.get(hostId);
                if (outcome == null || outcome.status() == OutcomeStatus.UNKNOWN) {
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
        // a change of the invoice still on its way goes first: the payment or credit was made for the invoice as it
        // is now, and Xero refuses to change an invoice once a payment or credit is allocated to it
        boolean changeOnItsWay = found.remoteId() != null && found.syncedRevision() != null
                && found.syncedRevision() < found.revision() && found.status().isQueued();
        if (found.remoteId() == null || !provider.id().equals(found.provider()) || changeOnItsWay) {
            String where = changeOnItsWay ? "s change (revision " + found.revision() + ") is not in " + provider.id() + " yet"
                    : found.remoteId() != null ? " is in " + found.provider() + ", not in " + provider.id()
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
        return stores.journal().due(company, kind, provider.id(), clock.instant(),
                Math.min(provider.descriptor().limits().batchSize(kind), lanes.batchCap(new LaneId(company, provider.id()))));
    }

    private LineBookings lineBookings(CompanyId company) {
        return new LineBookings(stores.setup().mappings(company, provider.id()),
                stores.setup().referenceData(company, provider.id()), provider.descriptor().displayName());
    }

    /** What every request of the company is also built from besides the document: its mappings and settings. */
    private String payloadContext(CompanyId company) {
        return AttemptKeys.digest(json().write(stores.setup().mappings(company, provider.id())), json().write(stores.setup().settings(company)));
    }

    private Json json() {
        return stores.json();
    }
}
