package io.fieldsync.accounting.engine.sync;

import java.time.Duration;

/**
 * How long to wait before the next attempt: doubling from {@code first} up to {@code longest}.
 *
 * @param first the wait after the first failed attempt
 * @param longest the longest wait
 */
record RetryPolicy(Duration first, Duration longest) {

    /** The wait after {@code attempts} attempts (counting the one that just failed). */
    Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
