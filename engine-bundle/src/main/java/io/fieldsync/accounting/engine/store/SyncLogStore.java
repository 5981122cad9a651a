package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;

/**
 * The per-call sync log. A batched call is one row, linked to every document it carried ({@code sync_log_documents}),
 * so the log filtered by any of them finds it.
 */
public final class SyncLogStore {

    private static final String INSERT = "INSERT INTO sync_log (company_id, document_kind, document_host_id, provider, "
            + "operation, http_status, vendor_error, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String LINK = "INSERT INTO sync_log_documents (call_id, company_id, document_kind, document_host_id) "
            + "VALUES (?, ?, ?, ?)";

    private static final String COUNT_CALLS = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN http_status = 429 THEN 1 ELSE 0 END), 0) "
            + "FROM sync_log";

    private final Database database;

    public SyncLogStore(Database database) {
        this.database = database;
    }

    /** Appends one call, linked to the documents it carried. */
    public void append(SyncLogEntry call) {
        database.transaction(connection -> {
            long callId;
            try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
                insert.setString(1, call.company().value());
                insert.setString(2, call.document() == null ? null : call.document().kind().name());
                insert.setString(3, call.document() == null ? null : call.document().hostId());
                insert.setString(4, call.provider());
                insert.setString(5, call.operation().length() > 200 ? call.operation().substring(0, 200) : call.operation());
                insert.setInt(6, call.httpStatus());
                String error = call.vendorError();
                insert.setString(7, error != null && error.length() > 2000 ? error.substring(0, 2000) : error);
                insert.setLong(8, call.duration().toMillis());
                Database.setInstant(insert, 9, call.at());
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    callId = key.getLong(1);
                }
            }
            if (!call.carried().isEmpty()) {
                try (PreparedStatement link = connection.prepareStatement(LINK)) {
                    for (DocumentRef document : call.carried().stream().distinct().toList()) {
                        link.setLong(1, callId);
                        link.setString(2, document.company().value());
                        link.setString(3, document.kind().name());
                        link.setString(4, document.hostId());
                        link.addBatch();
                    }
                    link.executeBatch();
                }
            }
            return null;
        });
    }

    /** How many calls were logged, and of those how many the accounting system refused for a rate limit (429). */
    public CallCounts callCounts() {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COUNT_CALLS); ResultSet row = query.executeQuery()) {
                row.next();
                return new CallCounts(row.getLong(1), row.getLong(2));
            }
        });
    }

    /**
     * Calls counted in the sync log.
     *
     * @param calls every call
     * @param rateLimited those answered 429 (absorbed: their documents waited, none failed for it)
     */
    public record CallCounts(long calls, long rateLimited) {
    }

    /** The calls matching the query, newest first. */
    public List<SyncLogEntry> find(SyncLogQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sync_log WHERE company_id = ?");
        if (query.document() != null) {
            // its own document, or a link from a batch that carried it (each side an index lookup)
            sql.append(" AND ((document_kind = ? AND document_host_id = ?) OR id IN (SELECT call_id FROM sync_log_documents"
                    + " WHERE company_id = ? AND document_kind = ? AND document_host_id = ?))");
        }
        if (query.errorsOnly()) {
            sql.append(" AND (http_status >= 400 OR http_status = 0 OR vendor_error IS NOT NULL)");
        }
        if (query.since() != null) {
            sql.append(" AND at >= ?");
        }
        sql.append(" ORDER BY at DESC, id DESC FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                select.setString(index++, query.company().value());
                if (query.document() != null) {
                    select.setString(index++, query.document().kind().name());
                    select.setString(index++, query.document().hostId());
                    select.setString(index++, query.company().value());
                    select.setString(index++, query.document().kind().name());
                    select.setString(index++, query.document().hostId());
                }
                if (query.since() != null) {
                    Database.setInstant(select, index, query.since());
                }
                Map<Long, SyncLogEntry> entries = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String kind = rows.getString("document_kind");
                        DocumentRef document = kind == null ? null
                                : new DocumentRef(query.company(), DocumentKind.valueOf(kind), rows.getString("document_host_id"));
                        entries.put(rows.getLong("id"), new SyncLogEntry(query.company(), document, rows.getString("provider"),
                                rows.getString("operation"), rows.getInt("http_status"), rows.getString("vendor_error"),
                                Duration.ofMillis(rows.getLong("duration_ms")), Database.instant(rows, "at")));
                    }
                }
                return withCarried(connection, query.company(), entries);
            }
        });
    }

    private static List<SyncLogEntry> withCarried(Connection connection, CompanyId company, Map<Long, SyncLogEntry> calls)
            throws SQLException {
        if (calls.isEmpty()) {
            return List.of();
        }
        Map<Long, List<DocumentRef>> carried = new LinkedHashMap<>();
        String ids = String.join(",", Collections.nCopies(calls.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement("SELECT call_id, document_kind, document_host_id "
                + "FROM sync_log_documents WHERE call_id IN (" + ids + ") ORDER BY call_id, document_kind, document_host_id")) {
            int index = 1;
            for (long id : calls.keySet()) {
                select.setLong(index++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    carried.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                            .add(new DocumentRef(company, DocumentKind.valueOf(rows.getString(2)), rows.getString(3)));
                }
            }
        }
        List<SyncLogEntry> entries = new ArrayList<>(calls.size());
        calls.forEach((id, call) -> entries.add(carried.containsKey(id) ? call.carrying(carried.get(id)) : call));
        return entries;
    }
}
