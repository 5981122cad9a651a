package io.fieldsync.accounting.engine.sync;

import io.fieldsync.accounting.engine.connections.LaneId;

/**
 * Whether this node may work a lane now. One node works every lane; several nodes on one database work only the lanes
 * whose lease they hold, so that a connection is never sent to from two nodes at once.
 */
@FunctionalInterface
public interface LaneGate {

    /** Every lane: a single node. */
    LaneGate ALL = lane -> true;

    /** True when this node may give {@code lane} a turn now. */
    boolean mayWork(LaneId lane);
}
