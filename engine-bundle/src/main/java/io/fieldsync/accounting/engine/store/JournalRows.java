package io.fieldsync.accounting.engine.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;

/** How journal rows are read: the column list and the mapping to {@link JournalEntry}, shared by the journal's stores. */
final class JournalRows {

    static final String COLUMNS = "id, company_id, kind, host_id, revision, snapshot, snapshot_hash, depends_on, status, "
            + "provider, remote_id, remote_number, synced_revision, error_code, error_message, error_detail, note, attempts, "
            + "next_attempt_at, updated_at, synced_at, payment_state, amount_paid, amount_credited, amount_due, "
            + "last_payment_date, payment_observed_at, in_doubt, attempt_key, key_epoch";
    private static final String FIND = "SELECT " + COLUMNS + " FROM journal WHERE company_id = ? AND kind = ? AND host_id = ?";
    private static final String DEPENDENTS = "SELECT " + COLUMNS + " FROM journal WHERE company_id = ? AND depends_on = ? ORDER BY id";

    private JournalRows() {
    }

    static Optional<JournalEntry> find(Connection connection, DocumentRef document) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setString(1, document.company().value());
            query.setString(2, document.kind().name());
            query.setString(3, document.hostId());
            List<JournalEntry> rows = list(query);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** The credit notes and payments of one invoice, oldest first. */
    static List<JournalEntry> dependents(Connection connection, CompanyId company, String invoiceHostId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(DEPENDENTS)) {
            select.setString(1, company.value());
            select.setString(2, invoiceHostId);
            return list(select);
        }
    }

    static List<JournalEntry> list(PreparedStatement query) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(entry(rows));
            }
        }
        return entries;
    }

    static JournalEntry entry(ResultSet row) throws SQLException {
        DocumentRef document = new DocumentRef(CompanyId.of(row.getString("company_id")),
                DocumentKind.valueOf(row.getString("kind")), row.getString("host_id"));
        String errorCode = row.getString("error_code");
        SyncError error = errorCode == null ? null
                : new SyncError(ErrorCode.valueOf(errorCode), row.getString("error_message"), row.getString("error_detail"));
        int syncedRevision = row.getInt("synced_revision");
        Integer synced = row.wasNull() ? null : syncedRevision;
        return new JournalEntry(row.getLong("id"), document, row.getInt("revision"), row.getString("snapshot"),
                row.getString("snapshot_hash"), row.getString("depends_on"), SyncStatus.valueOf(row.getString("status")),
                row.getString("provider"), row.getString("remote_id"), row.getString("remote_number"), synced, error,
                row.getString("note"), row.getInt("attempts"), Database.instant(row, "next_attempt_at"),
                Database.instant(row, "updated_at"), Database.instant(row, "synced_at"), paymentState(row),
                row.getBoolean("in_doubt"), row.getString("attempt_key"), row.getInt("key_epoch"));
    }

    private static RemotePaymentState paymentState(ResultSet row) throws SQLException {
        String state = row.getString("payment_state");
        if (state == null) {
            return null;
        }
        BigDecimal paid = row.getBigDecimal("amount_paid");
        BigDecimal credited = row.getBigDecimal("amount_credited");
        BigDecimal due = row.getBigDecimal("amount_due");
        java.sql.Date last = row.getDate("last_payment_date");
        LocalDate lastPayment = last == null ? null : last.toLocalDate();
        return new RemotePaymentState(PaymentState.valueOf(state), paid, credited, due, lastPayment,
                Database.instant(row, "payment_observed_at"));
    }

}
