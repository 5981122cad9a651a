package io.fieldsync.accounting.bench.chaos;

/**
 * One thing the orchestrator does to the run at a planned moment.
 *
 * @param atMillis milliseconds after the engine's first start
 * @param count    how many calls or writes a sandbox fault takes, else 0
 * @param value    the fault's parameter (seconds of Retry-After or of the outage, milliseconds of a late answer,
 *                 milliseconds before a killed engine is started again)
 */
record ChaosEvent(long atMillis, Kind kind, int count, long value) {

    enum Kind {
        /** {@code kill -9} of the engine's JVM, started again {@code value} ms later. */
        KILL,
        /** The next {@code count} writes are applied, then their connection is dropped. */
        DROP_AFTER_APPLY,
        /** The next {@code count} writes are applied, then answered {@code value} ms late (after the read timeout). */
        LATE_ANSWER,
        /** A burst of {@code count} 429s with Retry-After {@code value} s. */
        TOO_MANY_REQUESTS,
        /** Every access token expires and the token endpoint is down for {@code value} s. */
        TOKEN_OUTAGE,
        /** The user revokes the app: the admin must reconnect. */
        REVOKE
    }

    String describe() {
        return switch (kind) {
            case KILL -> "kill -9 of the engine, restart after " + value + " ms";
            case DROP_AFTER_APPLY -> count + " write(s) applied, then the connection dropped";
            case LATE_ANSWER -> count + " write(s) applied, then answered " + value + " ms late";
            case TOO_MANY_REQUESTS -> "a burst of " + count + " 429s, Retry-After " + value + " s";
            case TOKEN_OUTAGE -> "access tokens expired and the token endpoint down for " + value + " s";
            case REVOKE -> "the user revokes the app";
        };
    }
}
