package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * Which provider a company's journal rows are bound to, and the admin's explicit rebind: the only way a bound row ever
 * leaves its provider. A row is bound by its first attempt (the journal's {@code provider}); a payment or credit note
 * also by its invoice's.
 */
public final class ProviderBindings {

    private static final String BOUND_ELSEWHERE = "SELECT " + JournalRows.COLUMNS + ", j.absent_after_lookup, "
            + Journal.LANE_PROVIDER + " AS lane_provider FROM journal j WHERE j.company_id = ? "
            + "AND j.status IN ('PENDING', 'FAILED', 'UNSUPPORTED', 'DISCONNECTED', 'SYNCED', 'OUTCOME_UNKNOWN', 'SENDING') AND " + Journal.LANE_PROVIDER + " <> ? ORDER BY j.id";
    // the new provider never saw the document: no attempts, no doubt there (its keys name the provider, so never collide)
    private static final String UNBIND = "UPDATE journal SET provider = NULL, status = 'PENDING', error_code = NULL, "
            + "error_message = NULL, error_detail = NULL, note = NULL, attempts = 0, attempt_key = NULL, next_attempt_at = ?, "
            + "in_doubt = FALSE, absent_after_lookup = FALSE, updated_at = ? "
            + "WHERE id = ? AND revision = ? AND status = ? AND provider = ? AND remote_id IS NULL";

    private final Database database;
    private final CompanyProviders companyProviders;

    public ProviderBindings(Database database, CompanyProviders companyProviders) {
        this.database = database;
        this.companyProviders = companyProviders;
    }

    /**
     * Unbinds the company's documents bound to a provider other than {@code provider} that never reached it, so that they
     * go to the company's provider; documents that exist there, or may, stay (see {@link Rebinding.Reason}). A payment or
     * credit note moves with its invoice and stays with it. Nothing else ever unbinds a row.
     */
    public Rebinding rebind(CompanyId company, String provider, Instant now) {
        return database.transaction(connection -> {
            List<JournalEntry> candidates = new ArrayList<>();
            Map<Long, String> boundTo = new HashMap<>();
            Set<Long> foundAbsent = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(BOUND_ELSEWHERE)) {
                query.setString(1, companyProviders.byDefault());
                query.setString(2, company.value());
                query.setString(3, companyProviders.byDefault());
                query.setString(4, provider);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        JournalEntry entry = JournalRows.entry(rows);
                        candidates.add(entry);
                        boundTo.put(entry.id(), rows.getString("lane_provider"));
                        if (rows.getBoolean("absent_after_lookup")) {
                            foundAbsent.add(entry.id());
                        }
                    }
                }
            }
            // invoices first: whether a payment or credit note may move depends on whether its invoice stays
            candidates.sort(Comparator.comparing((JournalEntry entry) -> entry.document().kind() != DocumentKind.INVOICE)
                    .thenComparingLong(JournalEntry::id));
            List<JournalEntry> moved = new ArrayList<>();
            List<Rebinding.Kept> kept = new ArrayList<>();
            Set<String> invoicesMoved = new HashSet<>();
            for (JournalEntry entry : candidates) {
                String from = boundTo.get(entry.id());
                Rebinding.Reason reason = reasonToStay(connection, entry, from, foundAbsent.contains(entry.id()), invoicesMoved);
                if (reason == null && entry.provider() != null) {
                    reason = unbind(connection, entry, now) ? null : Rebinding.Reason.CHANGED_MEANWHILE;
                }
                if (reason != null) {
                    kept.add(new Rebinding.Kept(entry, from, reason));
                    continue;
                }
                if (entry.document().kind() == DocumentKind.INVOICE) {
                    invoicesMoved.add(entry.document().hostId());
                }
                moved.add(JournalRows.find(connection, entry.document()).orElseThrow());
            }
            return new Rebinding(moved, kept);
        });
    }

    private static Rebinding.Reason reasonToStay(Connection connection, JournalEntry entry, String from, boolean foundAbsent,
                                                 Set<String> invoicesMoved) throws SQLException {
        if (entry.remoteId() != null) {
            return Rebinding.Reason.SYNCED_THERE;
        }
        if (entry.status() == SyncStatus.SENDING) {
            return Rebinding.Reason.SENDING;
        }
        // a refusal answering the push means the document was looked up there (if in doubt) and is not there
        if (entry.inDoubt() && !(entry.status() == SyncStatus.FAILED && foundAbsent)) {
            return Rebinding.Reason.IN_DOUBT;
        }
        if (entry.dependsOn() != null && !invoicesMoved.contains(entry.dependsOn())) {
            Optional<JournalEntry> invoice = JournalRows.find(connection,
                    DocumentRef.invoice(entry.document().company(), entry.dependsOn()));
            if (invoice.isPresent() && from.equals(invoice.get().provider())) {
                return Rebinding.Reason.INVOICE_STAYS;
            }
        }
        return null;
    }

    private static boolean unbind(Connection connection, JournalEntry entry, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UNBIND)) {
            Database.setInstant(update, 1, now);
            Database.setInstant(update, 2, now);
            update.setLong(3, entry.id());
            update.setInt(4, entry.revision());
            update.setString(5, entry.status().name());
            update.setString(6, entry.provider());
            return update.executeUpdate() == 1;
        }
    }
}
