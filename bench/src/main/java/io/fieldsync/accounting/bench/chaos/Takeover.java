package io.fieldsync.accounting.bench.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Whether the other nodes have taken over a killed node's work: every journal row that was still to send when it
 * died (queued or being sent, at the revision it then had) has settled since, been superseded by a newer revision, or
 * waits behind an invoice that failed, which no node will ever send. Rows queued after the kill are new work, not the
 * killed node's. Read straight from the journal's table, which every node shares.
 */
final class Takeover {

    private static final String QUEUED = "status IN ('PENDING', 'SENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED')";
    private static final String AT_KILL = "SELECT id, revision FROM journal WHERE " + QUEUED;
    private static final String STILL_WAITING = "SELECT j.id, j.revision FROM journal j WHERE " + QUEUED.replace("status", "j.status")
            + " AND NOT (j.status = 'PENDING' AND j.error_code = 'PREREQUISITE_MISSING' AND EXISTS (SELECT 1 FROM journal i "
            + "WHERE i.company_id = j.company_id AND i.kind = 'INVOICE' AND i.host_id = j.depends_on AND i.status IN ('FAILED', 'UNSUPPORTED')))";

    private final Set<String> left;

    private Takeover(Set<String> left) {
        this.left = left;
    }

    /** The work that was left when the node died. */
    static Takeover atKill(DataSource journal) throws SQLException {
        return new Takeover(rows(journal, AT_KILL));
    }

    /** How many rows were left at the kill. */
    int waiting() {
        return left.size();
    }

    boolean done(DataSource journal) throws SQLException {
        Set<String> still = rows(journal, STILL_WAITING);
        still.retainAll(left);
        return still.isEmpty();
    }

    private static Set<String> rows(DataSource journal, String sql) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection connection = journal.getConnection(); PreparedStatement query = connection.prepareStatement(sql);
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                rows.add(row.getLong(1) + "@" + row.getInt(2));
            }
        }
        return rows;
    }
}
