package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentPage;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.SyncStatus;

/** Read-only views of the journal for hosts, admins and the shell: pages of documents, counts by status. */
public final class JournalReports {

    private static final String DEPENDENTS = "SELECT " + JournalRows.COLUMNS + " FROM journal WHERE company_id = ? "
            + "AND depends_on = ? ORDER BY id";
    private static final String COUNT_BY_STATUS = "SELECT status, COUNT(*) FROM journal %s GROUP BY status";

    private final Database database;

    public JournalReports(Database database) {
        this.database = database;
    }

    /** A page of a company's documents, most recently updated first. */
    public DocumentPage page(DocumentQuery query) {
        StringBuilder where = new StringBuilder(" WHERE company_id = ?");
        List<String> parameters = new ArrayList<>(List.of(query.company().value()));
        if (!query.statuses().isEmpty()) {
            where.append(" AND status IN (").append(placeholders(query.statuses().size())).append(')');
            query.statuses().forEach(status -> parameters.add(status.name()));
        }
        if (!query.kinds().isEmpty()) {
            where.append(" AND kind IN (").append(placeholders(query.kinds().size())).append(')');
            query.kinds().forEach(kind -> parameters.add(kind.name()));
        }
        return database.transaction(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM journal" + where)) {
                bind(count, parameters);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            String sql = "SELECT " + JournalRows.COLUMNS + " FROM journal" + where + " ORDER BY updated_at DESC, id DESC "
                    + "OFFSET " + query.offset() + " ROWS FETCH NEXT " + query.limit() + " ROWS ONLY";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, parameters);
                return new DocumentPage(JournalRows.list(select).stream().map(JournalEntry::toStatus).toList(), total);
            }
        });
    }

    /** The credit notes and payments of one invoice, oldest first. */
    public List<JournalEntry> dependents(CompanyId company, String invoiceHostId) {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(DEPENDENTS)) {
                select.setString(1, company.value());
                select.setString(2, invoiceHostId);
                return JournalRows.list(select);
            }
        });
    }

    /** How many documents stand in each status, for one company or (null) all. */
    public Map<SyncStatus, Long> countByStatus(CompanyId company) {
        String sql = COUNT_BY_STATUS.formatted(company == null ? "" : "WHERE company_id = ?");
        return database.transaction(connection -> {
            Map<SyncStatus, Long> counts = new EnumMap<>(SyncStatus.class);
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (company != null) {
                    query.setString(1, company.value());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(SyncStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement statement, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
    }

}
