package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;

/**
 * Which lanes this node may give turns to, when several nodes share the journal (see {@link LaneLeases}): at each pass
 * it claims the lanes with due work and those in a turn, each live node at most its share; a turn renews its lane's
 * lease before it calls; lanes that ran dry are given back at the next pass, and all of them when the engine stops.
 * {@link #claim} is called from the dispatcher's one scheduling thread only; {@link #renew} from any lane worker.
 */
final class LaneClaims {

    private final LaneLeases leases;
    private final NodeId node;
    private final Clock clock;
    private volatile Duration lease;
    /** The lanes held after the last claim; touched only on the dispatcher's thread. */
    private Set<LaneId> held = Set.of();

    LaneClaims(LaneLeases leases, NodeId node, Clock clock, Duration lease) {
        this.leases = leases;
        this.node = node;
        this.clock = clock;
        this.lease = lease;
    }

    /** How long a claim or a renewal holds a lane; a node that dies leaves its lanes to the others after this. */
    void lease(Duration lease) {
        this.lease = lease;
    }

    /**
     * Claims the lanes of {@code due} and {@code inATurn} this node may work now and returns them. A lane in a turn keeps
     * its lease though nothing in it is due: its call is in flight. Lanes held at the last claim that are neither are
     * given back first, for whichever node sees work in them next.
     */
    Set<LaneId> claim(Collection<LaneId> due, Collection<LaneId> inATurn, Instant now) {
        Set<LaneId> candidates = new LinkedHashSet<>(due);
        candidates.addAll(inATurn);
        for (LaneId lane : held) {
            if (!candidates.contains(lane)) {
                leases.release(node, lane, now);
            }
        }
        held = Set.of();
        if (candidates.isEmpty()) {
            return held;
        }
        // one node at a time serves a lane, each live node at most its share
        int nodes = leases.heartbeat(node, now, now.plus(lease));
        held = leases.claim(node, candidates, now, now.plus(lease), (candidates.size() + nodes - 1) / nodes);
        return held;
    }

    /**
     * Extends this node's lease on {@code lane} before its turn calls; false when the lease ended meanwhile and another
     * node took the lane: the turn must then leave it alone.
     */
    boolean renew(LaneId lane) {
        return leases.renew(node, lane, clock.instant().plus(lease));
    }

    /** A clean stop hands this node's lanes to the other nodes at once, rather than when its leases end. */
    void releaseAll() {
        leases.releaseAll(node, clock.instant());
        held = Set.of();
    }
}
