package io.fieldsync.accounting.engine.operations;

import java.util.Map;

/**
 * The engine's numbers over JMX, ObjectName {@value AccountingMetrics#OBJECT_NAME}. Document counts and calls are read
 * from the journal and the sync log (the same on every node sharing them, and kept across restarts); token refreshes
 * and lanes in a turn are this node's since it started.
 */
public interface AccountingMetricsMXBean {

    /** Documents waiting per lane, keyed {@code company/provider}: PENDING, SENDING, OUTCOME_UNKNOWN, DISCONNECTED. */
    Map<String, Long> getQueueDepthByLane();

    /** Documents waiting in all lanes. */
    long getQueueDepth();

    /** Documents in each status, keyed by the status' name. */
    Map<String, Long> getDocumentsByStatus();

    long getSynced();

    long getFailed();

    /** Calls made to the accounting systems (the sync log's rows). */
    long getApiCalls();

    /** Calls answered 429 and absorbed: their documents waited for the limit, none failed for it. */
    long getRateLimitedCalls();

    /** Token refreshes that worked, on this node since it started. */
    long getTokenRefreshes();

    /** Token refreshes refused or failed, on this node since it started. */
    long getTokenRefreshFailures();

    /** Lanes in a turn right now on this node (each holds a lane worker). */
    int getLanesInATurn();
}
