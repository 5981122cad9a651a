package io.fieldsync.accounting.bench.chaos;

/**
 * One thing the orchestrator does to the run at a planned moment.
 *
 * @param atMillis milliseconds after the engine's first start
 * @param count    how many writes a sandbox fault takes, or how many seconds a 429 window lasts, else 0
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
        /**
         * From now on every API call is refused with 429 and Retry-After {@code value} s, until the matching
         * {@link #TOO_MANY_REQUESTS_END}: a limit window, not a number of refusals, so that QuickBooks' 429 (no
         * Retry-After: the engine waits a minute) meets a burst that is over by then, as a real one would be.
         */
        TOO_MANY_REQUESTS,
        /** The 429 window ends. */
        TOO_MANY_REQUESTS_END,
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
            case TOO_MANY_REQUESTS -> "every call refused with 429 (Retry-After " + value + " s) for " + count + " s";
            case TOO_MANY_REQUESTS_END -> "the 429 window ends";
            case TOKEN_OUTAGE -> "access tokens expired and the token endpoint down for " + value + " s";
            case REVOKE -> "the user revokes the app";
        };
    }
}
