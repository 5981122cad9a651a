package io.fieldsync.accounting.api.admin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the health check found at {@code at}: one line per check, the worst of them as the whole.
 *
 * @param at when it was checked
 * @param checks each check's outcome
 */
public record HealthReport(Instant at, List<Check> checks) {

    /**
     * One check's outcome.
     *
     * @param name what was checked ({@code database}, {@code connection acme/xero}, {@code lane acme/xero})
     * @param status how it came out
     * @param message what an admin reads
     */
    public record Check(String name, HealthStatus status, String message) {
    }

    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** The worst status of the checks; OK when there are none. */
    public HealthStatus status() {
        return checks.stream().map(Check::status).max(Comparator.naturalOrder()).orElse(HealthStatus.OK);
    }
}
