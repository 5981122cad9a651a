package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.engine.operations.ConnectionAlerts;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.connections.LaneWait;
import io.fieldsync.accounting.engine.connections.Lanes;
import io.fieldsync.accounting.engine.connections.TokenRefresher;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.StoredConnection;

/**
 * One pass over one company's due documents with the active provider: invoices (customers linked
 * first), then credit notes, then payments, one provider batch of each; credit notes and payments share one batch
 * when the provider declares {@link ProviderCapability#SETTLEMENTS_IN_ONE_CALL}. Every document ends the pass
 * with a recorded status; a document's own problem never holds up the others.
 *
 * <p>Every kind goes through the same pipeline: its due rows, each read and checked by the kind's
 * {@link DocumentStage}, what they need made first, their pushes recorded as SENDING and sent in one call whose
 * {@link CallVerdict} decides what each document's status becomes, or that the lane stops for now.
 *
 * <p>Before a batch goes out its documents are recorded as SENDING, in doubt: should the answer never be
 * recorded (the engine killed, the database failing, the connection dropped), the next attempt looks the
 * documents up in the accounting system before writing anything. Only an answer naming the remote
 * document ends that doubt.
 */
final class DispatchRound {

    /** A kind of document and how its stage is made for a company's round. */
    private record Kind(DocumentKind kind, Function<RoundScope, DocumentStage<?, ?>> stage) {
    }

    /** How many documents of one kind a pass handled, and whether the lane goes on to the next kind. */
    private record KindPass(int handled, BatchCalls.LaneTurn turn) {
    }

    private final RoundStores stores;
    private final ActiveProvider provider;
    private final Recorder recorder;
    private final Lanes lanes;
    private final TokenRefresher refresher;
    private final Clock clock;
    private final AttemptKeys keys;
    private final BatchCalls calls;
    private final SettlementsHold hold;

    /** How many calls' worth of due credit notes or payments one turn looks at to fill its call. */
    private static final int LOOK_AHEAD_CALLS = 10;

    DispatchRound(RoundStores stores, String installationId, ActiveProvider provider, Recorder recorder, Lanes lanes,
                  TokenRefresher refresher, Clock clock, BooleanSupplier stopping, ConnectionAlerts alerts, Duration settlementsWait) {
        this.stores = stores;
        this.provider = provider;
        this.recorder = recorder;
        this.lanes = lanes;
        this.refresher = refresher;
        this.clock = clock;
        this.keys = new AttemptKeys(installationId, provider.id());
        this.calls = new BatchCalls(stores.connections(), provider, recorder, lanes, clock, stopping, alerts);
        this.hold = new SettlementsHold(stores.journal(), clock, settlementsWait);
    }

    /** Sends what is due for {@code company}; returns how many documents got an outcome or a new wait. */
    int run(CompanyId company) {
        Optional<StoredConnection> connection = usableConnection(company);
        if (connection.isEmpty()) {
            return 0;
        }
        Optional<LaneWait> wait = lanes.waitBeforeAnyCall(new LaneId(company, provider.id()));
        if (wait.isPresent()) {
            return wait.get().limit() == RateLimit.DAY ? deferForTheDay(company, wait.get()) : 0;
        }
        EngineSession session = new EngineSession(stores.journal(), stores.syncLog(), provider, connection.get(), refresher, lanes);
        RoundScope round = new RoundScope(company, stores, provider, recorder, clock, keys);
        KindPass invoices = pass(session, round, new Kind(DocumentKind.INVOICE, scope -> new InvoiceStage(scope, new CustomerLinking(scope, calls))));
        if (invoices.turn() == BatchCalls.LaneTurn.STOPS) {
            // the rest of this company's documents wait for the lane to open again, or for the engine's next start
            return 0;
        }
        int handled = invoices.handled();
        if (provider.descriptor().supports(ProviderCapability.SETTLEMENTS_IN_ONE_CALL)) {
            KindPass settlements = settlements(session, round);
            return settlements.turn() == BatchCalls.LaneTurn.STOPS ? handled : handled + settlements.handled();
        }
        for (Kind kind : List.of(new Kind(DocumentKind.CREDIT_NOTE, CreditNoteStage::new), new Kind(DocumentKind.PAYMENT, PaymentStage::new))) {
            KindPass pass = pass(session, round, kind);
            if (pass.turn() == BatchCalls.LaneTurn.STOPS) {
                break;
            }
            handled += pass.handled();
        }
        return handled;
    }

    /**
     * Credit notes and payments in one call, for a provider whose vendor takes both in one request: the credit notes
     * first, then as many payments as the call still holds. Both only ever follow their invoice, synced in an earlier
     * call, so neither waits for the other; each keeps its own check, SENDING mark and outcome. A call with room to
     * spare may wait for the invoices the lane is about to send (see {@link SettlementsHold}).
     */
    private KindPass settlements(EngineSession session, RoundScope round) {
        ProviderLimits limits = provider.descriptor().limits();
        int room = Math.min(Math.min(limits.batchSize(DocumentKind.CREDIT_NOTE), limits.batchSize(DocumentKind.PAYMENT)),
                lanes.batchCap(new LaneId(round.company(), provider.id())));
        List<BatchCalls.Sendable<Settlement>> sendable = new ArrayList<>();
        int looked = ready(round, DocumentKind.CREDIT_NOTE, () -> new CreditNoteStage(round), Settlement::of, room, sendable)
                + ready(round, DocumentKind.PAYMENT, () -> new PaymentStage(round), Settlement::of, room, sendable);
        if (looked == 0) {
            return new KindPass(0, BatchCalls.LaneTurn.GOES_ON);
        }
        if (hold.holds(round.company(), provider.id(), sendable.stream().map(BatchCalls.Sendable::entry).toList(), room)) {
            // the ready ones stay due as they are; those that got a wait or an outcome were handled
            return new KindPass(looked - sendable.size(), BatchCalls.LaneTurn.GOES_ON);
        }
        BatchCalls.LaneTurn turn = calls.send(sendable, Settlement::key, pushes -> provider.provider().documents().pushSettlements(session,
                pushes.stream().map(Settlement::creditNote).filter(Objects::nonNull).toList(),
                pushes.stream().map(Settlement::payment).filter(Objects::nonNull).toList()));
        return new KindPass(looked, turn);
    }

    /**
     * Adds to {@code sendable}, up to {@code room}, the due documents of {@code kind} that can go now, oldest first.
     * Those that cannot (waiting for their invoice, failed their check) are recorded so by their stage and take no room:
     * credit notes waiting for invoices still unsent must not cut the call's payments short. Returns how many due
     * documents were looked at.
     */
    private <P> int ready(RoundScope round, DocumentKind kind, Supplier<DocumentStage<P, P>> stageOf, Function<P, Settlement> settlement,
                          int room, List<BatchCalls.Sendable<Settlement>> sendable) {
        Set<Long> looked = new HashSet<>();
        DocumentStage<P, P> stage = null;
        // ten calls' worth at most: a backlog of documents waiting for their invoices must not make one turn long
        while (sendable.size() < room && looked.size() < room * LOOK_AHEAD_CALLS) {
            int wanted = room - sendable.size();
            // the ready ones looked at stay due until they are sent: ask past them
            int asked = looked.size() + wanted;
            List<JournalEntry> due = stores.journal().due(round.company(), kind, provider.id(), clock.instant(), asked);
            List<JournalEntry> fresh = due.stream().filter(entry -> !looked.contains(entry.id())).limit(wanted).toList();
            if (fresh.isEmpty()) {
                break;
            }
            fresh.forEach(entry -> looked.add(entry.id()));
            if (stage == null) {
                stage = stageOf.get();
            }
            prepared(round, stage, fresh).forEach(ready -> sendable.add(new BatchCalls.Sendable<>(ready.entry(), settlement.apply(ready.push()))));
            if (due.size() < asked) {
                break;
            }
        }
        return looked.size();
    }

    /** A credit note or a payment that goes in one call with the other kind. */
    private record Settlement(CreditNotePush creditNote, PaymentPush payment) {
        static Settlement of(CreditNotePush creditNote) {
            return new Settlement(creditNote, null);
        }

        static Settlement of(PaymentPush payment) {
            return new Settlement(null, payment);
        }

        IdempotencyKey key() {
            return creditNote != null ? creditNote.key() : payment.key();
        }
    }

    /**
     * Checks a kind's due documents and makes their pushes for a stage that needs nothing made first (credit notes,
     * payments): a document's own problem is recorded for it alone; a kind the provider does not take at all is recorded
     * as unsupported for each.
     */
    private <C, P> List<BatchCalls.Sendable<P>> prepared(RoundScope round, DocumentStage<C, P> stage, List<JournalEntry> due) {
        Optional<SyncError> unsupported = stage.unsupportedKind();
        if (unsupported.isPresent()) {
            due.forEach(entry -> recorder.unsupported(entry, provider.id(), unsupported.get()));
            return List.of();
        }
        List<BatchCalls.Sendable<P>> sendable = new ArrayList<>();
        for (JournalEntry entry : due) {
            round.guarded(entry, () -> stage.check(entry)).flatMap(document -> round.guarded(entry,
                    () -> stage.push(new DocumentStage.Checked<>(entry, document), DocumentStage.RemoteCustomers.NONE)))
                    .ifPresent(push -> sendable.add(new BatchCalls.Sendable<>(entry, push)));
        }
        return sendable;
    }

    /** One kind's due documents through the pipeline; its stage is made only when some are due. */
    private KindPass pass(EngineSession session, RoundScope round, Kind kind) {
        List<JournalEntry> due = stores.journal().due(round.company(), kind.kind(), provider.id(), clock.instant(),
                Math.min(provider.descriptor().limits().batchSize(kind.kind()), lanes.batchCap(new LaneId(round.company(), provider.id()))));
        if (due.isEmpty()) {
            return new KindPass(0, BatchCalls.LaneTurn.GOES_ON);
        }
        return new KindPass(due.size(), send(session, round, kind.stage().apply(round), due));
    }

    /**
     * The pipeline every kind goes through: each due document checked by its stage (a document's own problem fails
     * it alone), what the checked ones need made first, their pushes, then SENDING and the call.
     */
    private <C, P> BatchCalls.LaneTurn send(EngineSession session, RoundScope round, DocumentStage<C, P> stage, List<JournalEntry> due) {
        Optional<SyncError> unsupported = stage.unsupportedKind();
        if (unsupported.isPresent()) {
            due.forEach(entry -> recorder.unsupported(entry, provider.id(), unsupported.get()));
            return BatchCalls.LaneTurn.GOES_ON;
        }
        List<DocumentStage.Checked<C>> checked = new ArrayList<>();
        for (JournalEntry entry : due) {
            round.guarded(entry, () -> stage.check(entry)).ifPresent(document -> checked.add(new DocumentStage.Checked<>(entry, document)));
        }
        Optional<DocumentStage.RemoteCustomers> customers = stage.prerequisites(session, checked);
        if (customers.isEmpty()) {
            return BatchCalls.LaneTurn.STOPS;
        }
        List<BatchCalls.Sendable<P>> sendable = new ArrayList<>();
        for (DocumentStage.Checked<C> document : checked) {
            round.guarded(document.entry(), () -> stage.push(document, customers.get()))
                    .ifPresent(push -> sendable.add(new BatchCalls.Sendable<>(document.entry(), push)));
        }
        // the pushes are the documents' own objects: the call's log entries are linked to the documents they carry
        Map<P, DocumentRef> documentOf = new IdentityHashMap<>();
        sendable.forEach(document -> documentOf.put(document.push(), document.entry().document()));
        return calls.send(sendable, stage::key, pushes -> session.carrying(pushes.stream().map(documentOf::get).filter(Objects::nonNull).toList(),
                () -> stage.send(session, pushes)));
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
}
