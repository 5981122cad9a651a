package io.fieldsync.accounting.admin;

import java.time.Instant;
import java.util.List;

import io.fieldsync.accounting.api.admin.HealthReport;
import io.fieldsync.accounting.api.admin.HealthStatus;

/**
 * What {@code GET /health} answers: the worst status first, so that a monitor reads one field, then each check. Always a
 * 200 when the check ran: the status is in the body (a CRITICAL engine still answers its API).
 */
record HealthAnswer(HealthStatus status, Instant at, List<HealthReport.Check> checks) {

    static HealthAnswer of(HealthReport report) {
        return new HealthAnswer(report.status(), report.at(), report.checks());
    }
}
