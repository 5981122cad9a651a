package io.fieldsync.accounting.admin.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time a waiting command reads and waits on: the system's clock in Karaf, a test's clock in the tests, so no test
 * waits for real time to pass.
 */
interface ConsoleTime {

    Instant now();

    /** Waits; Ctrl-C in the console interrupts the command's thread. */
    void pause(Duration duration) throws InterruptedException;

    static ConsoleTime of(Clock clock) {
        return new ConsoleTime() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void pause(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
