package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.operations.ConnectionAlerts;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.connections.LaneWait;
import io.fieldsync.accounting.engine.connections.LaneCall;
import io.fieldsync.accounting.engine.connections.LaneUsage;
import io.fieldsync.accounting.engine.connections.Lanes;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.ConnectionStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one dispatch round into the provider, and what their verdicts mean for the documents they carry.
 * Documents are recorded as SENDING, in doubt, before their call goes out; a limit, a lost connection or an outage
 * stops the company's lane; a request refused as a whole is halved until the document it is about fails alone; a
 * provider that breaks leaves its documents in doubt, to be looked up; a stopping engine starts no call.
 */
final class BatchCalls {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCalls.class);
    /** How long documents of a company that lost its connection wait before they are looked at again. */
    static final Duration WAIT_FOR_CONNECTION = Duration.ofMinutes(10);
    /** The lane reserve's name for the calls that look up or create the customers invoices wait for. */
    static final String CUSTOMERS = "customers";

    /** Whether the company's lane goes on with its next call, or stops for now (what is left waits for the next pass). */
    enum LaneTurn {
        GOES_ON, STOPS
    }

    /** A document and the push that carries it. */
    record Sendable<P>(JournalEntry entry, P push) {
    }

    private final ConnectionStore connections;
    private final ActiveProvider provider;
    private final Recorder recorder;
    private final ConnectionAlerts alerts;
    private final Lanes lanes;
    private final Clock clock;
    private final BooleanSupplier stopping;

    BatchCalls(ConnectionStore connections, ActiveProvider provider, Recorder recorder, Lanes lanes, Clock clock,
               BooleanSupplier stopping, ConnectionAlerts alerts) {
        this.alerts = alerts;
        this.connections = connections;
        this.provider = provider;
        this.recorder = recorder;
        this.lanes = lanes;
        this.clock = clock;
        this.stopping = stopping;
    }

    /**
     * Records the attempt of every document, then sends them in one call. Documents that changed since they
     * were read (a new revision, a retry) are left for the next pass.
     */
    <P> LaneTurn send(List<Sendable<P>> ready, Function<P, IdempotencyKey> keyOf, Function<List<P>, List<PushOutcome>> call) {
        if (ready.isEmpty()) {
            return LaneTurn.GOES_ON;
        }
        List<JournalEntry> readyEntries = ready.stream().map(Sendable::entry).toList();
        if (stopping(List.of()) || paused(readyEntries)) {
            return LaneTurn.STOPS;
        }
        Map<Long, P> pushes = new HashMap<>();
        ready.forEach(sendable -> pushes.put(sendable.entry().id(), sendable.push()));
        List<JournalEntry> marked = recorder.sending(readyEntries, provider.id(), entry -> keyOf.apply(pushes.get(entry.id())).value());
        List<Sendable<P>> going = marked.stream().map(entry -> new Sendable<>(entry, pushes.get(entry.id()))).toList();
        return going.isEmpty() ? LaneTurn.GOES_ON : attempt(going, call);
    }

    /**
     * One call with documents already recorded as being sent. A request the accounting system refuses as a
     * whole (a 400 or 413 that names no document) is split in halves and each half sent again, until the
     * document it is about is alone and fails by itself: one bad document never stops the batch it is in.
     */
    private <P> LaneTurn attempt(List<Sendable<P>> going, Function<List<P>, List<PushOutcome>> call) {
        List<JournalEntry> entries = going.stream().map(Sendable::entry).toList();
        if (stopping(entries)) {
            return LaneTurn.STOPS;
        }
        Optional<CallVerdict> made = call(purposeOf(entries), entries, () -> call.apply(going.stream().map(Sendable::push).toList()));
        if (made.isEmpty() || stopsTheLane(entries, made.get())) {
            return LaneTurn.STOPS;
        }
        CallVerdict verdict = made.get();
        if (verdict instanceof CallVerdict.Answered answered) {
            Map<DocumentRef, PushOutcome> outcomes = answered.byDocument();
            for (JournalEntry entry : entries) {
                PushOutcome outcome = outcomes.get(entry.document());
                recorder.outcome(entry, provider.id(), outcome != null ? outcome
                        : PushOutcome.unknown(entry.document(), provider.id() + " returned no outcome for this document"));
            }
        } else if (verdict instanceof CallVerdict.Refused refused) {
            if (refused.error().code() == ErrorCode.VALIDATION_FAILED && going.size() > 1) {
                LOG.info("{} refused a batch of {} documents as a whole ({}); sending it in halves to find the one it is about",
                        provider.descriptor().displayName(), going.size(), refused.error().message());
                int half = going.size() / 2;
                return attempt(going.subList(0, half), call) == LaneTurn.STOPS ? LaneTurn.STOPS
                        : attempt(going.subList(half, going.size()), call);
            }
            entries.forEach(entry -> recorder.outcome(entry, provider.id(), PushOutcome.failed(entry.document(), refused.error())));
        } else if (verdict instanceof CallVerdict.Broken broken) {
            // the provider may have sent them before it broke (a bug, its bundle half-updated): reconcile, never resend blindly
            LOG.warn("Sending {} documents to {} failed unexpectedly; they are looked up there before any resend",
                    entries.size(), provider.id(), broken.cause());
            recorder.unknown(entries, provider.id(), SyncError.of(ErrorCode.INTERNAL_ERROR, "Sending to " + provider.descriptor().displayName())
                    .withDetail(broken.cause().toString()));
        }
        return LaneTurn.GOES_ON;
    }

    /**
     * Makes one call for {@code entries} (documents, or the invoices waiting for their customers) when the lane admits
     * it, and counts what it took against the lane. Empty when the lane held it back (a budget spent, every concurrent
     * permit taken by the admin's or webhook reads): the documents then wait PENDING with until when and why.
     */
    Optional<CallVerdict> call(String purpose, List<JournalEntry> entries, Supplier<List<PushOutcome>> call) {
        LaneId lane = laneOf(entries);
        try (LaneCall admitted = lanes.enter(lane, purpose)) {
            if (admitted.held().isPresent()) {
                LaneWait wait = admitted.held().get();
                recorder.waiting(entries, SyncStatus.PENDING, wait.reason(), wait.until());
                return Optional.empty();
            }
            LaneUsage before = lanes.usage(lane);
            try {
                return Optional.of(CallVerdict.of(call));
            } finally {
                lanes.callTook(lane, purpose, lanes.usage(lane).since(before), entries.size());
            }
        }
    }

    /**
     * The lane calls only when the call fits its budgets: otherwise the documents wait PENDING, with until when and for
     * which limit, and the lane stops for now. Waiting before the call is what keeps 429s from happening at all.
     */
    boolean paused(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return false;
        }
        Optional<LaneWait> wait = lanes.waitBeforeCall(laneOf(entries), purposeOf(entries));
        wait.ifPresent(until -> recorder.waiting(entries, SyncStatus.PENDING, until.reason(), until.until()));
        return wait.isPresent();
    }

    /**
     * Verdicts about the connection or the service, not the documents, stop the lane: the documents the call carried
     * wait for the limit to open, for a reconnect, or are retried after the outage.
     */
    boolean stopsTheLane(List<JournalEntry> entries, CallVerdict verdict) {
        if (verdict instanceof CallVerdict.RateLimited limited) {
            if (!entries.isEmpty()) {
                lanes.limited(laneOf(entries), limited.limit());
            }
            recorder.waiting(entries, SyncStatus.PENDING, limited.limit().error(), clock.instant().plus(limited.limit().retryAfter()));
            return true;
        }
        if (verdict instanceof CallVerdict.ConnectionExpired expired) {
            CompanyId company = entries.get(0).document().company();
            alerts.expired(company, provider.id(), expired.error());
            recorder.waiting(entries, SyncStatus.DISCONNECTED, expired.error(), clock.instant().plus(WAIT_FOR_CONNECTION));
            return true;
        }
        if (verdict instanceof CallVerdict.NotConnected notConnected) {
            // the stored connection is left alone: a reconnect in progress must not be overwritten
            recorder.waiting(entries, SyncStatus.DISCONNECTED, notConnected.error(), clock.instant().plus(WAIT_FOR_CONNECTION));
            return true;
        }
        if (verdict instanceof CallVerdict.TransportFailure failure) {
            recorder.retryLater(entries, provider.id(), failure.error());
            return true;
        }
        return false;
    }

    /**
     * Whether the engine is stopping (its bundle stopped or updated): then no further call starts. Documents already
     * recorded as being sent go back to the queue, still in doubt, so the next start looks before it writes.
     */
    boolean stopping(List<JournalEntry> recordedAsSending) {
        if (!stopping.getAsBoolean()) {
            return false;
        }
        recorder.waiting(recordedAsSending, SyncStatus.PENDING, SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                "The accounting engine (stopping)"), clock.instant());
        return true;
    }

    /** The lane reserve's name for a call that carries these documents: their kind (one call carries one kind). */
    private static String purposeOf(List<JournalEntry> entries) {
        return entries.get(0).document().kind().name();
    }

    private LaneId laneOf(List<JournalEntry> entries) {
        return new LaneId(entries.get(0).document().company(), provider.id());
    }
}
