package io.fieldsync.accounting.engine.operations;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many token refreshes this node made since it started, for the metrics: a refresh is a call to the vendor's token
 * endpoint (not in the sync log, which holds API calls), and a rising count of failures is the first sign of an
 * identity service in trouble, before any connection expires.
 */
public final class TokenRefreshes {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public void succeeded() {
        succeeded.incrementAndGet();
    }

    /** Refused (the connection expired) or failed for now (the endpoint down, throttling, an answer lost). */
    public void failed() {
        failed.incrementAndGet();
    }

    public long succeededCount() {
        return succeeded.get();
    }

    public long failedCount() {
        return failed.get();
    }
}
