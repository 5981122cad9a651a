package io.fieldsync.accounting.engine;

import java.time.Clock;
import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The engine's one source of time. Every timestamp the engine writes and every delay it waits is read
 * from this clock, taken by reference to this component, never from the system directly: tests run
 * the engine on a clock they control, and the suite passes on any day.
 */
@Component(service = EngineClock.class)
public class EngineClock {

    private final Clock clock;

    /** The system's UTC clock, as DS makes it. */
    @Activate
    public EngineClock() {
        this(Clock.systemUTC());
    }

    public EngineClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }
}
