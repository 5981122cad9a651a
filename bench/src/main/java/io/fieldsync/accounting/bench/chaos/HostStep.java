package io.fieldsync.accounting.bench.chaos;

/**
 * One step of the host's day.
 *
 * @param index          its place in the day, from 0; the progress log names steps by it
 * @param atMillis       when the host makes it, in milliseconds after the day started
 * @param call           what the host calls
 * @param afterSync      true for an edit: the host makes it only once the previous revision of the same document
 *                       has synced (an invoice or payment changed after it reached the accounting system)
 */
record HostStep(int index, long atMillis, HostCall call, boolean afterSync) {
}
