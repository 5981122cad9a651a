package io.fieldsync.accounting.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulators' notion of "now". Every time rule of a vendor (token lifetimes, rate-limit windows,
 * idempotency retention) is measured on this clock, so tests can run it faster than real time
 * ({@link #setSpeed(double)}), stop it ({@code setSpeed(0)}) or jump it ({@link #advance(Duration)}).
 * Thread-safe.
 */
public final class SandboxClock extends Clock {

    private Instant anchor;
    private long anchorNanos;
    private double speed;

    private SandboxClock(Instant start, double speed) {
        this.anchor = start;
        this.anchorNanos = System.nanoTime();
        this.speed = speed;
    }

    /** A clock that starts at the real current time and runs at real speed. */
    public static SandboxClock system() {
        return new SandboxClock(Instant.now(), 1.0);
    }

    /** A clock that stands still at {@code start} until it is advanced or given a speed. */
    public static SandboxClock frozenAt(Instant start) {
        return new SandboxClock(start, 0.0);
    }

    /** A clock that starts at {@code start} and runs at real speed. */
    public static SandboxClock startingAt(Instant start) {
        return new SandboxClock(start, 1.0);
    }

    @Override
    public synchronized Instant instant() {
        long elapsed = System.nanoTime() - anchorNanos;
        return anchor.plusNanos((long) (elapsed * speed));
    }

    /** Sandbox seconds per real second: 1 is real time, 60 makes a minute pass every second, 0 stops the clock. */
    public synchronized SandboxClock setSpeed(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0: " + factor);
        }
        reanchor();
        speed = factor;
        return this;
    }

    public synchronized double speed() {
        return speed;
    }

    /** Moves sandbox time forward at once (expiring tokens, closing rate-limit windows, ageing idempotency keys). */
    public synchronized SandboxClock advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock never goes back: " + by);
        }
        reanchor();
        anchor = anchor.plus(by);
        return this;
    }

    private void reanchor() {
        anchor = instant();
        anchorNanos = System.nanoTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        SandboxClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
