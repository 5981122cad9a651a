package io.fieldsync.accounting.engine.connections;

/**
 * How many documents one call of a lane may carry. A call that took more calls than a whole minute window holds can
 * never fit (Xero looks contacts up a few names per request: fifty new customers are several calls), so the lane
 * halves its batches; but what made that call big (a burst of new customers) passes, so every call that fitted with
 * a full capped batch grows the cap again by an eighth of the size it was halved from, until the lane is back to the
 * provider's full batch. Additive increase, multiplicative decrease: a lane whose calls stay too big settles at the
 * largest size that fits instead of staying halved for as long as the node runs.
 */
final class LaneBatchSize {

    static final int UNCAPPED = Integer.MAX_VALUE;
    private static final int RECOVERY_STEPS = 8;

    private int cap = UNCAPPED;
    /** The size of the call that first proved too big, which the lane recovers towards; 0 while uncapped. */
    private int fullSize;

    /** The most documents the next call may carry ({@link #UNCAPPED} when the provider's batch size applies). */
    int cap() {
        return cap;
    }

    /** A call of {@code documents} needed more calls than a minute window holds: halve. */
    void tooBig(int documents) {
        if (documents <= 1) {
            return;
        }
        if (cap == UNCAPPED) {
            fullSize = documents;
        }
        cap = Math.min(cap, Math.max(1, documents / 2));
    }

    /** A call of {@code documents} fitted the window: when it was a full capped batch, grow the cap a step. */
    void fitted(int documents) {
        if (cap == UNCAPPED || documents < cap) {
            return;
        }
        cap += Math.max(1, fullSize / RECOVERY_STEPS);
        if (cap >= fullSize) {
            cap = UNCAPPED;
            fullSize = 0;
        }
    }
}
