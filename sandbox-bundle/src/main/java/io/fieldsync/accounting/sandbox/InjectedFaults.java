package io.fieldsync.accounting.sandbox;

/**
 * The faults a simulator actually injected, by kind: a fault that was armed but met no call is not here.
 *
 * @param serverErrors           500s drawn by the error rate
 * @param forcedFailures         500s or 503s of {@code failNext}
 * @param tooManyRequests        forced 429s (the simulator's real limits are not faults and are not counted)
 * @param droppedAfterApply      writes applied, then their connection dropped without an answer
 * @param answeredLateAfterApply writes applied, then answered only after a delay meant to outlast the client
 * @param tokenEndpointRefusals  token requests refused with 503 during a token endpoint outage
 */
public record InjectedFaults(int serverErrors, int forcedFailures, int tooManyRequests, int droppedAfterApply,
                             int answeredLateAfterApply, int tokenEndpointRefusals) {

    /** Every injected fault, whatever its kind. */
    public int total() {
        return serverErrors + forcedFailures + tooManyRequests + droppedAfterApply + answeredLateAfterApply
                + tokenEndpointRefusals;
    }
}
