package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentPage;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.DocumentSearch;

/** Read-only views of the journal for hosts, admins and the shell: pages of documents, counts by status. */
public final class JournalReports {

    private static final String COUNT_BY_STATUS = "SELECT status, COUNT(*) FROM journal %s GROUP BY status";

    private static final String QUEUE_BY_LANE = "SELECT company_id, lane_provider, COUNT(*) FROM (SELECT j.company_id, "
            + Journal.LANE_PROVIDER + " AS lane_provider FROM journal j "
            + "WHERE j.status IN ('PENDING', 'SENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED')) queued GROUP BY company_id, lane_provider";

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

    /**
     * The documents an admin searches for, most recently updated first. Without a text the database pages; with one,
     * the database narrows to rows that contain the text anywhere (a table scan of one company, as an admin screen
     * may afford) and {@link DocumentText} keeps those where it is in a field the admin sees, so a search for "name"
     * does not match every document through its JSON.
     */
    public SearchPage search(DocumentSearch search) {
        StringBuilder where = new StringBuilder(" WHERE company_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(search.company().value()));
        if (!search.statuses().isEmpty()) {
            where.append(" AND status IN (").append(placeholders(search.statuses().size())).append(')');
            search.statuses().forEach(status -> parameters.add(status.name()));
        }
        if (!search.kinds().isEmpty()) {
            where.append(" AND kind IN (").append(placeholders(search.kinds().size())).append(')');
            search.kinds().forEach(kind -> parameters.add(kind.name()));
        }
        if (search.updatedFrom() != null) {
            where.append(" AND updated_at >= ?");
            parameters.add(search.updatedFrom());
        }
        if (search.updatedBefore() != null) {
            where.append(" AND updated_at < ?");
            parameters.add(search.updatedBefore());
        }
        if (search.text() != null) {
            where.append(" AND (LOWER(snapshot) LIKE ? ESCAPE '!' OR LOWER(COALESCE(remote_number, '')) LIKE ? ESCAPE '!'"
                    + " OR LOWER(COALESCE(error_message, '')) LIKE ? ESCAPE '!')");
            String lower = search.text().toLowerCase(Locale.ROOT);
            // the snapshot holds the text as JSON writes it: a quote or backslash escaped
            String inJson = lower.replace("\\", "\\\\").replace("\"", "\\\"");
            String pattern = "%" + likeLiteral(lower) + "%";
            parameters.addAll(List.of("%" + likeLiteral(inJson) + "%", pattern, pattern));
        }
        String order = " ORDER BY updated_at DESC, id DESC";
        return database.transaction(connection -> {
            if (search.text() != null) {
                try (PreparedStatement select = connection.prepareStatement("SELECT " + JournalRows.COLUMNS + " FROM journal"
                        + where + order)) {
                    bindAll(select, parameters);
                    DocumentText text = new DocumentText(search.text());
                    List<JournalEntry> matching = JournalRows.list(select).stream().filter(text::matches).toList();
                    int from = Math.min(search.offset(), matching.size());
                    return new SearchPage(matching.subList(from, Math.min(matching.size(), from + search.limit())), matching.size());
                }
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM journal" + where)) {
                bindAll(count, parameters);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + JournalRows.COLUMNS + " FROM journal" + where
                    + order + " OFFSET " + search.offset() + " ROWS FETCH NEXT " + search.limit() + " ROWS ONLY")) {
                bindAll(select, parameters);
                return new SearchPage(JournalRows.list(select), total);
            }
        });
    }

    /** The earliest next attempt of the company's queued documents, if any is queued. */
    public java.util.Optional<java.time.Instant> nextAttempt(CompanyId company) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MIN(next_attempt_at) AS next_attempt_at FROM journal "
                    + "WHERE company_id = ? AND status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED')")) {
                query.setString(1, company.value());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return java.util.Optional.ofNullable(Database.instant(row, "next_attempt_at"));
                }
            }
        });
    }

    /** A page of journal rows and how many matched in all. */
    public record SearchPage(List<JournalEntry> entries, long total) {
        public SearchPage {
            entries = List.copyOf(entries);
        }
    }

    /** The credit notes and payments of one invoice, oldest first. */
    public List<JournalEntry> dependents(CompanyId company, String invoiceHostId) {
        return database.transaction(connection -> JournalRows.dependents(connection, company, invoiceHostId));
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

    /**
     * How many documents wait in each lane (company x the provider the row goes to, see {@link Journal#LANE_PROVIDER}):
     * PENDING, SENDING, OUTCOME_UNKNOWN and DISCONNECTED, due or not.
     *
     * @param defaultProvider the engine's default provider, for rows of companies without a choice
     */
    public Map<LaneId, Long> queueDepthByLane(String defaultProvider) {
        return database.transaction(connection -> {
            Map<LaneId, Long> depths = new java.util.TreeMap<>(java.util.Comparator.comparing((LaneId lane) -> lane.company().value())
                    .thenComparing(LaneId::provider));
            try (PreparedStatement query = connection.prepareStatement(QUEUE_BY_LANE)) {
                query.setString(1, defaultProvider);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        depths.put(new LaneId(CompanyId.of(rows.getString(1)), rows.getString(2)), rows.getLong(3));
                    }
                }
            }
            return depths;
        });
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** {@code text} as a LIKE literal: its wildcards and the escape character itself stand for themselves. */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bindAll(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof java.time.Instant instant) {
                Database.setInstant(statement, i + 1, instant);
            } else {
                statement.setString(i + 1, (String) parameters.get(i));
            }
        }
    }

    private static void bind(PreparedStatement statement, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
    }

}
