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

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.connections.LaneId;
import io.fieldsync.accounting.engine.connections.LaneWait;
import io.fieldsync.accounting.engine.connections.Lanes;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.JournalEntry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one dispatch round into the provider, and what their whole-call failures mean for the documents
 * they carry. Documents are recorded as SENDING, in doubt, before their call goes out; a limit, a lost connection or
 * an outage stops the company's lane ({@link LaneStopped}); a request refused as a whole is halved until the
 * document it is about fails alone; a provider that breaks leaves its documents in doubt, to be looked up; a
 * stopping engine starts no call.
 */
final class BatchCalls {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCalls.class);
    /** How long documents of a company that lost its connection wait before they are looked at again. */
    static final Duration WAIT_FOR_CONNECTION = Duration.ofMinutes(10);

    /** The lane must stop for now (a limit, a lost connection, the engine stopping); what is left waits for the next pass. */
    static final class LaneStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaneStopped() {
            super(null, null, false, false);
        }
    }

    /** A document and the push that carries it. */
    record Sendable<P>(JournalEntry entry, P push) {
    }

    private final EngineStores stores;
    private final ActiveProvider provider;
    private final Recorder recorder;
    private final Lanes lanes;
    private final Clock clock;
    private final BooleanSupplier stopping;

    BatchCalls(EngineStores stores, ActiveProvider provider, Recorder recorder, Lanes lanes, Clock clock, BooleanSupplier stopping) {
        this.stores = stores;
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
    <P> void send(List<Sendable<P>> ready, Function<P, IdempotencyKey> keyOf,
                          Function<List<P>, List<PushOutcome>> call) {
        if (ready.isEmpty()) {
            return;
        }
        checkRunning(List.of());
        paced(ready.stream().map(Sendable::entry).toList());
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
        paced(entries);
        List<PushOutcome> answered;
        LaneId lane = laneOf(entries);
        long callsBefore = lanes.calls(lane);
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
        } finally {
            lanes.callTook(lane, lanes.calls(lane) - callsBefore, going.size());
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
    Optional<Map<DocumentRef, PushOutcome>> prepareCall(List<JournalEntry> entries, Supplier<List<PushOutcome>> call) {
        paced(entries);
        LaneId lane = laneOf(entries);
        long callsBefore = lanes.calls(lane);
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
        } finally {
            lanes.callTook(lane, lanes.calls(lane) - callsBefore, entries.size());
        }
    }

    /**
     * The lane calls only when the call fits its budgets: otherwise the documents wait PENDING, with until when and for
     * which limit, and the lane stops for now. Waiting before the call is what keeps 429s from happening at all.
     */
    private void paced(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Optional<LaneWait> wait = lanes.waitBeforeCall(laneOf(entries));
        if (wait.isPresent()) {
            recorder.waiting(entries, SyncStatus.PENDING, wait.get().reason(), wait.get().until());
            throw new LaneStopped();
        }
    }

    private LaneId laneOf(List<JournalEntry> entries) {
        return new LaneId(entries.get(0).document().company(), provider.id());
    }

    private void limited(List<JournalEntry> entries, RateLimitedException limited) {
        if (!entries.isEmpty()) {
            lanes.limited(laneOf(entries), limited);
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
    void checkRunning(List<JournalEntry> recordedAsSending) {
        if (stopping.getAsBoolean()) {
            recorder.waiting(recordedAsSending, SyncStatus.PENDING, SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                    "The accounting engine (stopping)"), clock.instant());
            throw new LaneStopped();
        }
    }
}
