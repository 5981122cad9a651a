package io.fieldsync.accounting.engine.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A clock that moves only when a test moves it, so that nothing in a test depends on today's date or
 * on how busy the machine is. Listeners (a {@link ManualScheduler}) run what became due on every move.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;
    private final List<Consumer<Instant>> listeners = new ArrayList<>();

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves time forward and lets listeners run what became due. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a manual clock never goes back: " + by);
        }
        Instant target = now.plus(by);
        List<Consumer<Instant>> toTell;
        synchronized (listeners) {
            toTell = List.copyOf(listeners);
        }
        if (toTell.isEmpty()) {
            now = target;
        }
        for (Consumer<Instant> listener : toTell) {
            listener.accept(target);
        }
        now = target;
    }

    /** Sets the time (listeners move it step by step to each task's due time). */
    void set(Instant instant) {
        now = instant;
    }

    void onAdvance(Consumer<Instant> listener) {
        synchronized (listeners) {
            listeners.add(listener);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("the engine works in UTC");
    }
}
