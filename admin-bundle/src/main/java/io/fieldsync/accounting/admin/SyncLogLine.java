package io.fieldsync.accounting.admin;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;

/**
 * One call to an accounting system as the API shows it: the duration in milliseconds, not an ISO-8601 period, and the
 * documents a batched call carried (a {@code PUT /Invoices} of 50 invoices is one call, listed from each of them). Public
 * (in a private package) so that {@code accounting:log --export} writes exactly the CSV the REST API serves.
 */
public record SyncLogLine(Instant at, String provider, String operation, int httpStatus, long durationMillis, DocumentRef document,
                   String vendorError, List<DocumentRef> carried) {

    public SyncLogLine {
        carried = carried == null ? List.of() : List.copyOf(carried);
    }

    /** A call that carried no document of a batch. */
    public SyncLogLine(Instant at, String provider, String operation, int httpStatus, long durationMillis, DocumentRef document,
                       String vendorError) {
        this(at, provider, operation, httpStatus, durationMillis, document, vendorError, List.of());
    }

    public static SyncLogLine of(SyncLogEntry entry) {
        return new SyncLogLine(entry.at(), entry.provider(), entry.operation(), entry.httpStatus(), entry.duration().toMillis(),
                entry.document(), entry.vendorError(), entry.carried());
    }

    /** The column a batched call's documents go in, appended last so that readers of the older columns by position still work. */
    static final String CSV_HEADER = "at,provider,operation,http_status,duration_ms,kind,host_id,vendor_error,carried";

    /** The whole CSV document of these calls: the header, then one CRLF-ended record per call (RFC 4180). */
    public static String csv(List<SyncLogEntry> entries) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        entries.forEach(entry -> csv.append(of(entry).csv()).append("\r\n"));
        return csv.toString();
    }

    /** RFC 4180: every field quoted where it needs to be; a leading = + - @ is defused so a spreadsheet does not run it. */
    String csv() {
        return String.join(",", at.toString(), field(provider), field(operation), String.valueOf(httpStatus),
                String.valueOf(durationMillis), document == null ? "" : document.kind().name(),
                document == null ? "" : field(document.hostId()), field(vendorError), field(carriedNames()));
    }

    /** The documents a batched call carried, as the shell names them: INVOICE/JOB-1; INVOICE/JOB-2. */
    public String carriedNames() {
        return carried.stream().map(one -> one.kind().name() + "/" + one.hostId()).collect(Collectors.joining("; "));
    }

    private static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches("[^\",\r\n]*") && safe.equals(value) ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
