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
import java.util.function.Function;

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
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.EngineStores;
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
    private static final Duration WAIT_FOR_CONNECTION = Duration.ofMinutes(10);
    private static final Duration WAIT_FOR_PREREQUISITE = Duration.ofMinutes(5);

    /** The lane must stop for now (a limit, a lost connection, the engine stopping); what is left waits for the next pass. */
    private static final class LaneStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaneStopped() {
            super(null, null, false, false);
        }
    }

    /** A document read from its snapshot and ready to be sent. */
    private record Ready<T>(JournalEntry entry, T document) {
    }

    /** A document and the push that carries it. */
    private record Sendable<P>(JournalEntry entry, P push) {
    }

    private final EngineStores stores;
    private final ActiveProvider provider;
    private final Recorder recorder;
    private final Lanes lanes;
    private final TokenRefresher refresher;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final AttemptKeys keys;
    private final InvoiceDependents dependents;

    DispatchRound(EngineStores stores, ActiveProvider provider, Recorder recorder, Lanes lanes, TokenRefresher refresher, Clock clock,
                  BooleanSupplier stopping) {
        this.stores = stores;
        this.provider = provider;
        this.recorder = recorder;
        this.lanes = lanes;
        this.refresher = refresher;
        this.clock = clock;
        this.stopping = stopping;
        this.keys = new AttemptKeys(stores.installationId(), provider.id());
        this.dependents = new InvoiceDependents(stores);
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
            // the rest of this company's documents wait for the lane to open again, or for the engine's next start
        }
        return handled;
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
            prepare(entry, () -> {
                Invoice invoice = json().read(entry.snapshot(), Invoice.class);
                Optional<SyncError> unsupported = invoiceUnsupported(entry, invoice, pushAs);
                if (unsupported.isPresent()) {
                    recorder.unsupported(entry, provider.id(), unsupported.get());
                    return;
                }
                Optional<SyncError> problem = CustomerCheck.problem(invoice.customer())
                        .or(() -> MappingCheck.asError(mappings.gaps(invoice.lines())));
                if (problem.isPresent()) {
                    recorder.failedBeforeSending(entry, provider.id(), problem.get());
                    return;
                }
                ready.add(new Ready<>(entry, invoice));
            });
        }
        Map<String, String> customers = linkCustomers(session, company, ready);
        String context = payloadContext(company);
        List<Sendable<InvoicePush>> sendable = new ArrayList<>();
        for (Ready<Invoice> invoice : ready) {
            String remoteCustomer = customers.get(invoice.document().customer().hostId());
            if (remoteCustomer != null) {
                JournalEntry entry = invoice.entry();
                prepare(entry, () -> {
                    String remoteInvoice = entry.wasSyncedBefore() ? entry.remoteId() : null;
                    sendable.add(new Sendable<>(entry, new InvoicePush(entry.document(),
                            keys.document(entry, entry.snapshotHash(), remoteCustomer, remoteInvoice, context), invoice.document(),
                            remoteCustomer, remoteInvoice, entry.inDoubt())));
                });
            }
        }
        send(sendable, InvoicePush::key, pushes -> provider.provider().pushInvoices(session, pushes));
        return due.size();
    }

    private int creditNotes(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.CREDIT_NOTE);
        if (due.isEmpty()) {
            return 0;
        }
        MappingCheck mappings = mappingCheck(company);
        String context = payloadContext(company);
        List<Sendable<CreditNotePush>> sendable = new ArrayList<>();
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
                Optional<SyncError> problem = MappingCheck.asError(mappings.gaps(creditNote.lines()))
                        .or(() -> misfit(() -> dependents.check(company, creditNote)));
                if (problem.isPresent()) {
                    recorder.failedBeforeSending(entry, provider.id(), problem.get());
                    return;
                }
                String remoteCreditNote = entry.wasSyncedBefore() ? entry.remoteId() : null;
                sendable.add(new Sendable<>(entry, new CreditNotePush(entry.document(),
                        keys.document(entry, entry.snapshotHash(), remoteCustomer.get(), invoice.get().remoteId(), remoteCreditNote, context),
                        creditNote, remoteCustomer.get(), invoice.get().remoteId(), entry.inDoubt(), remoteCreditNote)));
            });
        }
        send(sendable, CreditNotePush::key, pushes -> provider.provider().pushCreditNotes(session, pushes));
        return due.size();
    }

    private int payments(EngineSession session, CompanyId company) {
        List<JournalEntry> due = due(company, DocumentKind.PAYMENT);
        if (due.isEmpty() || allUnsupported(due, ProviderCapability.PAYMENTS, "Sending payments")) {
            return due.size();
        }
        MappingCheck mappings = mappingCheck(company);
        String context = payloadContext(company);
        List<Sendable<PaymentPush>> sendable = new ArrayList<>();
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
                sendable.add(new Sendable<>(entry, new PaymentPush(entry.document(),
                        keys.document(entry, entry.snapshotHash(), invoice.get().remoteId(), remoteCustomer.get(), deposit, remotePayment, context),
                        payment, invoice.get().remoteId(), remoteCustomer.get(), deposit, entry.inDoubt(), remotePayment)));
            });
        }
        send(sendable, PaymentPush::key, pushes -> provider.provider().pushPayments(session, pushes));
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
        } catch (LaneStopped stopped) {
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
                toPush.computeIfAbsent(customer.hostId(), id -> new CustomerPush(new DocumentRef(company, DocumentKind.CUSTOMER, id),
                        keys.customer(company, id, hash), customer, link.map(CustomerLinks.Link::remoteId).orElse(null)));
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
            checkRunning(List.of());
            Optional<Map<DocumentRef, PushOutcome>> outcomes = prepareCall(waiting, () -> provider.provider().pushCustomers(session, batch));
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

    /**
     * Records the attempt of every document, then sends them in one call. Documents that changed since they
     * were read (a new revision, a retry) are left for the next pass.
     */
    private <P> void send(List<Sendable<P>> ready, Function<P, io.fieldsync.accounting.api.spi.IdempotencyKey> keyOf,
                          Function<List<P>, List<PushOutcome>> call) {
        if (ready.isEmpty()) {
            return;
        }
        checkRunning(List.of());
        Map<Long, P> pushes = new HashMap<>();
        ready.forEach(sendable -> pushes.put(sendable.entry().id(), sendable.push()));
        List<JournalEntry> marked = recorder.sending(ready.stream().map(Sendable::entry).toList(), provider.id(),
                entry -> keyOf.apply(pushes.get(entry.id())).value());
        List<Sendable<P>> going = marked.stream().map(entry -> new Sendable<>(entry, pushes.get(entry.id()))).toList();
        if (!going.isEmpty()) {
            attempt(going, call);
        }
    }

    /**
     * One call with documents already recorded as being sent. A request the accounting system refuses as a
     * whole (a 400 or 413 that names no document) is split in halves and each half sent again, until the
     * document it is about is alone and fails by itself: one bad document never stops the batch it is in.
     */
    private <P> void attempt(List<Sendable<P>> going, Function<List<P>, List<PushOutcome>> call) {
        List<JournalEntry> entries = going.stream().map(Sendable::entry).toList();
        checkRunning(entries);
        List<PushOutcome> answered;
        try {
            answered = call.apply(going.stream().map(Sendable::push).toList());
        } catch (RateLimitedException limited) {
            limited(entries, limited);
            throw new LaneStopped();
        } catch (AccountingException refused) {
            if (stopsTheLane(entries, refused)) {
                throw new LaneStopped();
            }
            if (refused.code() == ErrorCode.VALIDATION_FAILED && going.size() > 1) {
                LOG.info("{} refused a batch of {} documents as a whole ({}); sending it in halves to find the one it is about",
                        provider.descriptor().displayName(), going.size(), refused.getMessage());
                int half = going.size() / 2;
                attempt(going.subList(0, half), call);
                attempt(going.subList(half, going.size()), call);
                return;
            }
            entries.forEach(entry -> recorder.outcome(entry, provider.id(), PushOutcome.failed(entry.document(), refused.error())));
            return;
        } catch (LaneStopped stopped) {
            throw stopped;
        } catch (RuntimeException | LinkageError broken) {
            // the provider may have sent them before it broke (a bug, its bundle half-updated): reconcile, never resend blindly
            LOG.warn("Sending {} documents to {} failed unexpectedly; they are looked up there before any resend",
                    entries.size(), provider.id(), broken);
            recorder.unknown(entries, provider.id(), SyncError.of(ErrorCode.INTERNAL_ERROR, "Sending to " + provider.descriptor().displayName())
                    .withDetail(broken.toString()));
            return;
        }
        Map<DocumentRef, PushOutcome> outcomes = new HashMap<>();
        answered.forEach(outcome -> outcomes.put(outcome.document(), outcome));
        for (JournalEntry entry : entries) {
            PushOutcome outcome = outcomes.get(entry.document());
            recorder.outcome(entry, provider.id(), outcome != null ? outcome
                    : PushOutcome.unknown(entry.document(), provider.id() + " returned no outcome for this document"));
        }
    }

    /**
     * Makes a call that only prepares documents (customers) and turns whole-call failures into statuses.
     *
     * @return the outcomes by document, or empty when the call failed as a whole (already recorded)
     */
    private Optional<Map<DocumentRef, PushOutcome>> prepareCall(List<JournalEntry> entries, java.util.function.Supplier<List<PushOutcome>> call) {
        try {
            Map<DocumentRef, PushOutcome> outcomes = new HashMap<>();
            for (PushOutcome outcome : call.get()) {
                outcomes.put(outcome.document(), outcome);
            }
            return Optional.of(outcomes);
        } catch (RateLimitedException limited) {
            limited(entries, limited);
            throw new LaneStopped();
        } catch (AccountingException refused) {
            if (stopsTheLane(entries, refused)) {
                throw new LaneStopped();
            }
            entries.forEach(entry -> recorder.failedBeforeSending(entry, provider.id(), refused.error()));
            return Optional.empty();
        } catch (RuntimeException broken) {
            LOG.warn("Linking customers in {} failed unexpectedly; their invoices are retried", provider.id(), broken);
            recorder.retryLater(entries, provider.id(), SyncError.of(ErrorCode.INTERNAL_ERROR, "Sending to " + provider.descriptor().displayName())
                    .withDetail(broken.toString()));
            return Optional.empty();
        }
    }

    private void limited(List<JournalEntry> entries, RateLimitedException limited) {
        CompanyId company = entries.isEmpty() ? null : entries.get(0).document().company();
        if (company != null) {
            lanes.pause(company, provider.id(), limited.limit(), limited.retryAfter());
        }
        recorder.waiting(entries, SyncStatus.PENDING, limited.error(), clock.instant().plus(limited.retryAfter()));
    }

    /** Whole-call refusals that are about the connection or the service, not the documents: they stop the lane. */
    private boolean stopsTheLane(List<JournalEntry> entries, AccountingException refused) {
        switch (refused.code()) {
            case CONNECTION_EXPIRED -> {
                CompanyId company = entries.get(0).document().company();
                stores.connections().find(company, provider.id()).ifPresent(connection ->
                        stores.connections().save(connection.with(ConnectionState.EXPIRED, refused.error())));
                recorder.waiting(entries, SyncStatus.DISCONNECTED, refused.error(), clock.instant().plus(WAIT_FOR_CONNECTION));
                return true;
            }
            case NOT_CONNECTED -> {
                // the stored connection is left alone: a reconnect in progress must not be overwritten
                recorder.waiting(entries, SyncStatus.DISCONNECTED, refused.error(), clock.instant().plus(WAIT_FOR_CONNECTION));
                return true;
            }
            case PROVIDER_UNAVAILABLE -> {
                recorder.retryLater(entries, provider.id(), refused.error());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The engine is stopping (its bundle stopped or updated): no further call starts. Documents already
     * recorded as being sent go back to the queue, still in doubt, so the next start looks before it writes.
     */
    private void checkRunning(List<JournalEntry> recordedAsSending) {
        if (stopping.getAsBoolean()) {
            recorder.waiting(recordedAsSending, SyncStatus.PENDING, SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                    "The accounting engine (stopping)"), clock.instant());
            throw new LaneStopped();
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

    /** What every request of the company is also built from besides the document: its mappings and settings. */
    private String payloadContext(CompanyId company) {
        return AttemptKeys.digest(json().write(stores.setup().mappings(company, provider.id())), json().write(stores.setup().settings(company)));
    }

    private Json json() {
        return stores.json();
    }
}
