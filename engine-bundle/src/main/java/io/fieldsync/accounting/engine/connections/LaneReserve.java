package io.fieldsync.accounting.engine.connections;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a lane keeps in reserve before it starts an engine call: as many calls (and batch requests) as its recent
 * engine calls took (a lookup before a write, a retry after a token refresh, QuickBooks' items of a batch), so a call
 * never starts that the budget cannot finish. Only the last {@value #REMEMBERED} engine calls count: one unusually
 * big call (the first push of many new customers) does not hold the whole budget back for the rest of the node's life.
 */
final class LaneReserve {

    static final int REMEMBERED = 16;

    private final Deque<LaneUsage> recent = new ArrayDeque<>();

    /** One engine call cost {@code took}. */
    void took(LaneUsage took) {
        recent.addLast(took);
        if (recent.size() > REMEMBERED) {
            recent.removeFirst();
        }
    }

    /** Calls to keep in reserve: the most one recent engine call took, at least 1. */
    int units() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, recent.stream().mapToLong(LaneUsage::units).max().orElse(1)));
    }

    /** Batch requests to keep in reserve, at least 1. */
    int batches() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, recent.stream().mapToLong(LaneUsage::batches).max().orElse(1)));
    }
}
