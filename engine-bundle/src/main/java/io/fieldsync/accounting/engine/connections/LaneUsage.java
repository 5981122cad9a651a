package io.fieldsync.accounting.engine.connections;

/**
 * What a lane has spent of its vendor's limits: calls as the vendor counts them (QuickBooks counts each item of a
 * batch) and batch requests. Two snapshots around an engine call give what the call took.
 *
 * @param units calls as the vendor meters them
 * @param batches batch requests
 */
public record LaneUsage(long units, long batches) {

    /** What was spent since {@code before}. */
    public LaneUsage since(LaneUsage before) {
        return new LaneUsage(units - before.units, batches - before.batches);
    }
}
