package io.fieldsync.accounting.engine.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * What the dispatch pipeline does differently for one kind of document: reading and checking its snapshot, what it
 * needs first (its customer linked, the invoice it belongs to synced), the push that carries it and which call of the
 * provider's documents facet sends it. What is common to all kinds (the due rows, SENDING, batching, recording the
 * outcomes, pausing and stopping the lane) is {@link DispatchRound}'s.
 *
 * <p>A document that does not go now is recorded by the stage with the reason (unsupported, failed, waiting); a
 * stage that throws while preparing one document fails that document only.
 *
 * @param <C> a document read from its snapshot and checked
 * @param <P> the push that carries it
 */
interface DocumentStage<C, P> {

    /** A document read and checked, with its journal row. */
    record Checked<C>(JournalEntry entry, C document) {
    }

    /** The remote contacts the checked documents' customers are linked to, by host customer id. */
    record RemoteCustomers(Map<String, String> byHostId) {
        static final RemoteCustomers NONE = new RemoteCustomers(Map.of());

        public RemoteCustomers {
            byHostId = Map.copyOf(byHostId);
        }

        Optional<String> of(String hostCustomerId) {
            return Optional.ofNullable(byHostId.get(hostCustomerId));
        }
    }


    /** Why the provider takes no document of this kind at all, or empty. */
    default Optional<SyncError> unsupportedKind() {
        return Optional.empty();
    }

    /** Reads one due document and checks it; empty when it does not go now (recorded here). */
    Optional<C> check(JournalEntry entry);

    /**
     * Makes in the accounting system what the checked documents point at before they can go (their customers);
     * empty when a call of it stopped the lane.
     */
    default Optional<RemoteCustomers> prerequisites(EngineSession session, List<Checked<C>> checked) {
        return Optional.of(RemoteCustomers.NONE);
    }

    /** The push of a checked document, or empty when it does not go now (recorded already). */
    Optional<P> push(Checked<C> checked, RemoteCustomers customers);

    IdempotencyKey key(P push);

    /** The provider call that sends one batch of pushes. */
    List<PushOutcome> send(EngineSession session, List<P> pushes);
}
