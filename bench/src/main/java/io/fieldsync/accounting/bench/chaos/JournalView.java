package io.fieldsync.accounting.bench.chaos;

import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * The engine's journal as it stood after the run, one row per host document: what the engine believes, beside what the
 * ledger holds. It explains a discrepancy (a document FAILED, or never reached the journal at all) and shows whether
 * the journal kept every revision the host had been told was accepted.
 */
record JournalView(Map<String, Row> rows) {

    JournalView {
        rows = Map.copyOf(rows);
    }

    /** @param error the current error or reason for waiting, or null */
    record Row(SyncStatus status, int revision, String remoteId, SyncError error, String note) {

        String describe() {
            return status + " r" + revision + (error == null ? "" : " " + error.code() + ": " + error.message())
                    + (note == null ? "" : " (" + note + ")");
        }
    }

    Optional<Row> row(DocumentKind kind, String hostId) {
        return Optional.ofNullable(rows.get(key(kind, hostId)));
    }

    static String key(DocumentKind kind, String hostId) {
        return kind + ":" + hostId;
    }

    /**
     * What the journal says of a document, for a discrepancy's explanation.
     *
     * @param acknowledged how many revisions of it the host had acknowledged (0: the host never made it)
     */
    String describe(DocumentKind kind, String hostId, int acknowledged) {
        if (acknowledged == 0) {
            return "the host never made it (the run ended first)";
        }
        return row(kind, hostId).map(row -> "journal: " + row.describe()
                        + (row.revision() < acknowledged ? " [the host had " + acknowledged + " revisions acknowledged]" : ""))
                .orElse("journal: no row, though the host had it acknowledged");
    }
}
