package io.fieldsync.accounting.bench.chaos;

/**
 * One planned {@code kill -9} in a multi-node run.
 *
 * @param atMillis            when, after the first node's start (the {@link ChaosEvent.Kind#KILL} event's moment)
 * @param node                which node (0-based)
 * @param held                the node stays down until the others have taken over its work (the quick form: until the end)
 * @param restartAfterMillis  for a kill that is not held, how long the node stays down
 */
record NodeKill(long atMillis, int node, boolean held, long restartAfterMillis) {
}
