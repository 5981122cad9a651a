package io.fieldsync.accounting.engine.connections;

import java.time.Instant;
import java.util.Objects;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.RateLimit;

/**
 * A lane must not call before {@code until} because {@code limit} is spent (by our own count, by what the provider
 * reported, or because a 429 came anyway).
 *
 * @param until when the lane may call again
 * @param limit which limit it waits for
 * @param refused true when the accounting system refused a call (a 429), false when the lane held back by itself
 */
public record LaneWait(Instant until, RateLimit limit, boolean refused) {

    /** Validates the parts. */
    public LaneWait {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(limit, "limit");
    }

    /** The reason documents show while they wait: "deferred until 2026-11-03T09:00:00Z (daily limit)". */
    public SyncError reason() {
        return new SyncError(ErrorCode.RATE_LIMITED, "deferred until " + until + " (" + limit.words() + " limit)", null);
    }

    /** What status displays show for the lane. */
    public String note() {
        return (refused ? "paused until " : "pacing: next call at ") + until + " (" + limit.words() + " limit)";
    }
}
