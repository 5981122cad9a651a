package io.fieldsync.accounting.engine.connections;

import java.util.Optional;

/**
 * One engine call into a provider admitted into its lane, or held back with the reason. An admitted call holds one of
 * the connection's concurrent-call permits and the lane's reserve until it is closed, so that document calls, the
 * admin's reads and webhook follow-up reads of one company together never exceed what the vendor allows.
 */
public final class LaneCall implements AutoCloseable {

    private final LaneWait held;
    private final Runnable release;
    private boolean closed;

    private LaneCall(LaneWait held, Runnable release) {
        this.held = held;
        this.release = release;
    }

    static LaneCall admitted(Runnable release) {
        return new LaneCall(null, release);
    }

    static LaneCall held(LaneWait wait) {
        return new LaneCall(wait, () -> { });
    }

    /** Why the call may not start now and until when; empty when it was admitted. */
    public Optional<LaneWait> held() {
        return Optional.ofNullable(held);
    }

    /** Gives the permit and the reserve back (once; nothing for a held call). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
