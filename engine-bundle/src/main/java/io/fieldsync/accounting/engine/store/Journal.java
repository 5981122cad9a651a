package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * The durable outbox. Every host document is a row; the dispatcher takes due rows and records each
 * outcome. Outcome updates name the revision they are about, so a document re-submitted while it was
 * being sent is never marked synced with the older content.
 */
public final class Journal {

    private static final String FIND = "SELECT " + JournalRows.COLUMNS + " FROM journal WHERE company_id = ? AND kind = ? AND host_id = ?";
    private static final String INSERT = "INSERT INTO journal (company_id, kind, host_id, revision, snapshot, snapshot_hash, "
            + "depends_on, status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, 0, ?, ?, ?)";
    // An unknown outcome stays unknown across revisions: the next attempt must reconcile before it creates anything.
    private static final String NEW_REVISION = "UPDATE journal SET revision = revision + 1, snapshot = ?, snapshot_hash = ?, "
            + "depends_on = ?, status = CASE WHEN status = 'OUTCOME_UNKNOWN' THEN 'OUTCOME_UNKNOWN' ELSE ? END, "
            + "error_code = NULL, error_message = NULL, error_detail = NULL, note = NULL, "
            + "attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?";
    /**
     * The provider a row goes to: the one it is bound to (attempted there), else its invoice's (a payment or credit note
     * follows its invoice even before its own first attempt), else its company's choice, else the engine's default.
     */
    static final String LANE_PROVIDER = "COALESCE(j.provider, "
            + "(SELECT i.provider FROM journal i WHERE i.company_id = j.company_id AND i.kind = 'INVOICE' AND i.host_id = j.depends_on), "
            + "(SELECT c.provider FROM company_providers c WHERE c.company_id = j.company_id), ?)";
    private static final String DUE = "SELECT " + JournalRows.COLUMNS + " FROM journal j WHERE j.company_id = ? AND j.kind = ? "
            + "AND j.status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED') AND j.next_attempt_at <= ? "
            + "AND " + LANE_PROVIDER + " = ? ORDER BY j.id FETCH FIRST ? ROWS ONLY";
    // A lane's queued credit notes and payments waiting for an invoice of the lane that goes in its next turns (due now).
    private static final String INVOICE_DUE_FOR_SETTLEMENTS = "SELECT 1 FROM journal d JOIN journal j ON j.company_id = d.company_id "
            + "AND j.kind = 'INVOICE' AND j.host_id = d.depends_on WHERE d.company_id = ? AND d.kind IN ('PAYMENT', 'CREDIT_NOTE') "
            + "AND d.status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED') AND j.status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED') "
            + "AND j.next_attempt_at <= ? AND " + LANE_PROVIDER + " = ? FETCH FIRST 1 ROWS ONLY";
    private static final String LANES_WITH_DUE_WORK = "SELECT DISTINCT j.company_id, " + LANE_PROVIDER + " AS lane_provider "
            + "FROM journal j WHERE j.status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED') AND j.next_attempt_at <= ?";
    private static final String EARLIEST_DUE = "SELECT MIN(next_attempt_at) FROM journal "
            + "WHERE status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED')";
    // The row guard: a row already being sent (by this node or another) is never marked again, and the attempt names its node.
    private static final String SENDING = "UPDATE journal SET status = 'SENDING', provider = ?, attempt_key = ?, attempt_at = ?, "
            + "in_doubt = TRUE, absent_after_lookup = FALSE, updated_at = ?, sending_node = ? WHERE id = ? AND revision = ? "
            + "AND status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED')";
    // The doubt an attempt leaves ends only where the remote document becomes known (a synced outcome).
    private static final String OUTCOME = "UPDATE journal SET status = ?, provider = ?, remote_id = COALESCE(?, remote_id), "
            + "remote_number = COALESCE(?, remote_number), synced_revision = COALESCE(?, synced_revision), error_code = ?, "
            + "error_message = ?, error_detail = ?, note = ?, attempts = attempts + ?, next_attempt_at = ?, updated_at = ?, "
            + "synced_at = COALESCE(?, synced_at), in_doubt = CASE WHEN ? THEN FALSE ELSE in_doubt END, absent_after_lookup = ? "
            + "WHERE id = ? AND revision = ?";
    // An outcome for an older revision still teaches where the document is, so the newer one is sent as an update.
    private static final String OUTCOME_OF_OLDER_REVISION = "UPDATE journal SET provider = ?, remote_id = COALESCE(?, remote_id), "
            + "remote_number = COALESCE(?, remote_number), synced_revision = COALESCE(?, synced_revision), "
            + "in_doubt = CASE WHEN ? THEN FALSE ELSE in_doubt END WHERE id = ? AND revision > ?";
    private static final String WAITING = "UPDATE journal SET status = ?, error_code = ?, error_message = ?, error_detail = ?, "
            + "next_attempt_at = ?, updated_at = ? WHERE id = ? AND (status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED') "
            + "OR status = 'SENDING' AND sending_node = ?)";
    private static final String INTERRUPTED = "UPDATE journal SET status = 'OUTCOME_UNKNOWN', error_code = ?, error_message = ?, "
            + "error_detail = NULL, next_attempt_at = ?, updated_at = ? WHERE status = 'SENDING' ";
    // this node's own attempts, or those of no known node (recorded before V8), past the age no pass reaches
    private static final String ABANDONED = INTERRUPTED + "AND (sending_node = ? OR sending_node IS NULL) AND attempt_at <= ?";
    private static final String OWN = INTERRUPTED + "AND sending_node = ?";
    // another node's attempts in a lane this node now holds: that node's lease ended, so its call ended with it
    private static final String ORPHANED = INTERRUPTED + "AND company_id = ? AND provider = ? AND sending_node <> ?";
    private static final String CLAIMED = "SELECT remote_id FROM journal WHERE company_id = ? AND kind = ? AND provider = ? "
            + "AND remote_id IN (%s) AND NOT (host_id = ?)";
    // an admin's retry gets fresh keys: whatever answer the accounting system stored for the old ones is not reused
    private static final String REQUEUE = "UPDATE journal SET status = 'PENDING', error_code = NULL, error_message = NULL, "
            + "error_detail = NULL, attempts = 0, key_epoch = key_epoch + 1, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status IN (%s)";
    private static final String FAILED_OF_COMPANY = "SELECT " + JournalRows.COLUMNS + " FROM journal WHERE company_id = ? AND status IN ('FAILED', 'UNSUPPORTED')";
    private static final String NOT_ATTEMPTED_OF_COMPANY = "SELECT " + JournalRows.COLUMNS + " FROM journal WHERE company_id = ? "
            + "AND kind = 'INVOICE' AND status = 'NOT_ATTEMPTED'";
    private static final String WAKE = "UPDATE journal SET next_attempt_at = ? WHERE status IN ('PENDING', 'DISCONNECTED') "
            + "AND error_code IN ('NOT_CONNECTED', 'CONNECTION_EXPIRED', 'PROVIDER_UNAVAILABLE', 'RATE_LIMITED') AND next_attempt_at > ?";
    private static final String WAKE_DEPENDENTS = "UPDATE journal SET next_attempt_at = ? WHERE company_id = ? AND depends_on = ? "
            + "AND status = 'PENDING' AND next_attempt_at > ?";

    private static final String SEND_NOW = "UPDATE journal SET next_attempt_at = ? WHERE id = ? "
            + "AND status IN ('PENDING', 'OUTCOME_UNKNOWN', 'DISCONNECTED') AND next_attempt_at > ?";

    /** The statuses of a document in the queue: the dispatcher sends it once its next attempt is due. */
    public static final Set<SyncStatus> QUEUED = java.util.EnumSet.of(SyncStatus.PENDING, SyncStatus.OUTCOME_UNKNOWN,
            SyncStatus.DISCONNECTED);

    private final Database database;
    private final CompanyProviders companyProviders;
    private final NodeId node;

    /** The journal as seen by {@code node}, which it names on every attempt it records. */
    public Journal(Database database, CompanyProviders companyProviders, NodeId node) {
        this.database = database;
        this.companyProviders = companyProviders;
        this.node = node;
    }

    /** The node this journal records attempts for. */
    public NodeId node() {
        return node;
    }

    /** The result of handing a document to the journal. */
    public record Accepted(JournalEntry entry, boolean changed) {
    }

    /**
     * Stores a document: a new row, a new revision when the content changed, or nothing when it is a repeat.
     *
     * @param initialStatus PENDING for live documents, NOT_ATTEMPTED for historical ones and for live ones of a company
     *                      that syncs them by hand (a new revision then waits too)
     * @param onlyIfNew true to leave an existing row untouched whatever its content (historical registration)
     */
    public Accepted accept(DocumentRef document, String snapshot, String hash, String dependsOn,
                           SyncStatus initialStatus, boolean onlyIfNew, Instant now) {
        // the host's calls come many at once: written together, one commit and one sync for all of them
        return database.grouped(connection -> {
            Optional<JournalEntry> existing = JournalRows.find(connection, document);
            if (existing.isEmpty()) {
                return new Accepted(insert(connection, document, snapshot, hash, dependsOn, initialStatus, now), true);
            }
            JournalEntry entry = existing.get();
            if (onlyIfNew) {
                return new Accepted(entry, false);
            }
            if (entry.snapshotHash().equals(hash)) {
                if (entry.status() != SyncStatus.NOT_ATTEMPTED || initialStatus == SyncStatus.NOT_ATTEMPTED) {
                    return new Accepted(entry, false);
                }
                // a historical invoice locked live is wanted now, unchanged
                requeue(connection, entry, Set.of(SyncStatus.NOT_ATTEMPTED), now);
                return new Accepted(JournalRows.find(connection, document).orElseThrow(), true);
            }
            try (PreparedStatement update = connection.prepareStatement(NEW_REVISION)) {
                update.setString(1, snapshot);
                update.setString(2, hash);
                update.setString(3, dependsOn);
                update.setString(4, initialStatus == SyncStatus.NOT_ATTEMPTED ? initialStatus.name() : SyncStatus.PENDING.name());
                Database.setInstant(update, 5, now);
                Database.setInstant(update, 6, now);
                update.setLong(7, entry.id());
                update.executeUpdate();
            }
            return new Accepted(JournalRows.find(connection, document).orElseThrow(), true);
        });
    }

    /**
     * A new row, and the entry it is, known from what was written rather than read back: one statement less in the
     * group commit every host call waits for. The instant is stored at the column's precision (microseconds, H2 and
     * PostgreSQL alike), so the entry says exactly what a later read of the row does.
     */
    private static JournalEntry insert(Connection connection, DocumentRef document, String snapshot, String hash, String dependsOn,
                                       SyncStatus status, Instant now) throws SQLException {
        Instant stored = now.truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setString(1, document.company().value());
            insert.setString(2, document.kind().name());
            insert.setString(3, document.hostId());
            insert.setString(4, snapshot);
            insert.setString(5, hash);
            insert.setString(6, dependsOn);
            insert.setString(7, status.name());
            Database.setInstant(insert, 8, stored);
            Database.setInstant(insert, 9, stored);
            Database.setInstant(insert, 10, stored);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                if (!key.next()) {
                    throw new SQLException("the database gave no id for the new journal row of " + document);
                }
                // the columns the INSERT leaves to their defaults (V4): not in doubt, no attempt, no retry asked for
                return new JournalEntry(key.getLong(1), document, 1, snapshot, hash, dependsOn, status, null, null, null, null,
                        null, null, 0, stored, stored, null, null, false, null, 0);
            }
        }
    }

    /** The row of a document. */
    public Optional<JournalEntry> find(DocumentRef document) {
        return database.transaction(connection -> JournalRows.find(connection, document));
    }

    /**
     * The row of a document as a host call's check at the door sees it: without waiting for the disk, since the call's
     * own write waits for a sync that covers it ({@link Database#readAtTheDoor}).
     */
    public Optional<JournalEntry> findAtTheDoor(DocumentRef document) {
        return database.readAtTheDoor(connection -> JournalRows.find(connection, document));
    }

    /** The credit notes and payments of one invoice, oldest first, as a host call's check at the door sees them. */
    public List<JournalEntry> dependentsAtTheDoor(CompanyId company, String invoiceHostId) {
        return database.readAtTheDoor(connection -> JournalRows.dependents(connection, company, invoiceHostId));
    }

    /**
     * Returns once everything committed so far is on disk: before a host call answers from what it read at the door
     * alone (a refusal), so that the answer never rests on a row a crash could still take back.
     */
    public void awaitOnDisk() {
        database.awaitOnDisk();
    }

    /**
     * Up to {@code limit} rows of one kind due for sending to {@code provider}, oldest first: those bound to it, those
     * whose invoice is bound to it, and the unbound ones of a company whose provider it is now.
     */
    public List<JournalEntry> due(CompanyId company, DocumentKind kind, String provider, Instant now, int limit) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(DUE)) {
                query.setString(1, company.value());
                query.setString(2, kind.name());
                Database.setInstant(query, 3, now);
                query.setString(4, companyProviders.byDefault());
                query.setString(5, provider);
                query.setInt(6, limit);
                return JournalRows.list(query);
            }
        });
    }

    /**
     * Whether a queued credit note or payment of {@code company}'s lane of {@code provider} waits for an invoice of that
     * lane which is due now: once the lane's next turns send it, that credit note or payment can go too.
     */
    public boolean invoiceDueForSettlements(CompanyId company, String provider, Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(INVOICE_DUE_FOR_SETTLEMENTS)) {
                query.setString(1, company.value());
                Database.setInstant(query, 2, now);
                query.setString(3, companyProviders.byDefault());
                query.setString(4, provider);
                try (ResultSet row = query.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** The lanes (company and provider) with something due now; a company may have two while it moves. */
    public List<LaneId> lanesWithDueWork(Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(LANES_WITH_DUE_WORK)) {
                query.setString(1, companyProviders.byDefault());
                Database.setInstant(query, 2, now);
                List<LaneId> lanes = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lanes.add(new LaneId(CompanyId.of(rows.getString(1)), rows.getString(2)));
                    }
                }
                lanes.sort(java.util.Comparator.comparing((LaneId lane) -> lane.company().value()).thenComparing(LaneId::provider));
                return lanes;
            }
        });
    }

    /** The companies with something due now. */
    public List<CompanyId> companiesWithDueWork(Instant now) {
        return lanesWithDueWork(now).stream().map(LaneId::company).distinct().toList();
    }

    /** When the next queued row becomes due, if any is queued. */
    public Optional<Instant> earliestDue() {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(EARLIEST_DUE); ResultSet row = query.executeQuery()) {
                row.next();
                return Optional.ofNullable(Database.instant(row, row.getMetaData().getColumnLabel(1)));
            }
        });
    }

    /**
     * Records attempts before their remote writes: from now on, until a remote id is recorded for them, each
     * document counts as possibly sent (see {@link JournalEntry#inDoubt()}). Returns the entries marked, each as it
     * now stands; a document that changed meanwhile (a new revision, a retry by the admin) is left out and waits for
     * the next pass.
     */
    public List<JournalEntry> markSending(List<JournalEntry> entries, String provider, java.util.function.Function<JournalEntry, String> keys,
                                          Instant now) {
        return database.transaction(connection -> {
            List<JournalEntry> marked = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(SENDING)) {
                for (JournalEntry entry : entries) {
                    update.setString(1, provider);
                    update.setString(2, keys.apply(entry));
                    Database.setInstant(update, 3, now);
                    Database.setInstant(update, 4, now);
                    update.setString(5, node.value());
                    update.setLong(6, entry.id());
                    update.setInt(7, entry.revision());
                    if (update.executeUpdate() == 1) {
                        marked.add(JournalRows.find(connection, entry.document()).orElseThrow());
                    }
                }
            }
            return marked;
        });
    }

    /**
     * Turns this node's attempts recorded before {@code startedBefore} whose outcome was never recorded (its database
     * failed between the call and the record), and those of journals older than node ids, into unknown outcomes, due
     * now: they are looked up in the accounting system before anything is sent again. Returns how many.
     */
    public int markAbandoned(Instant startedBefore, SyncError why, Instant now) {
        return interrupted(ABANDONED, why, now, (update, next) -> {
            update.setString(next, node.value());
            Database.setInstant(update, next + 1, startedBefore);
        });
    }

    /**
     * Turns every attempt this node recorded and never answered into an unknown outcome: at start, whatever its previous
     * life left SENDING was cut off by the stop. Other nodes' attempts are left alone (they may be live). Returns how many.
     */
    public int markOwnInterrupted(SyncError why, Instant now) {
        return interrupted(OWN, why, now, (update, next) -> update.setString(next, node.value()));
    }

    /**
     * Turns other nodes' unanswered attempts in lanes this node holds into unknown outcomes: holding the lane means their
     * lease ended (they died, or stalled past it), so they no longer send. Returns how many.
     */
    public int markOrphaned(Collection<LaneId> lanes, SyncError why, Instant now) {
        if (lanes.isEmpty()) {
            return 0;
        }
        return database.transaction(connection -> {
            int marked = 0;
            try (PreparedStatement update = connection.prepareStatement(ORPHANED)) {
                for (LaneId lane : lanes) {
                    update.setString(1, why.code().name());
                    update.setString(2, why.message());
                    Database.setInstant(update, 3, now);
                    Database.setInstant(update, 4, now);
                    update.setString(5, lane.company().value());
                    update.setString(6, lane.provider());
                    update.setString(7, node.value());
                    marked += update.executeUpdate();
                }
            }
            return marked;
        });
    }

    @FunctionalInterface
    private interface Condition {
        void bind(PreparedStatement update, int nextIndex) throws SQLException;
    }

    private int interrupted(String sql, SyncError why, Instant now, Condition condition) {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, why.code().name());
                update.setString(2, why.message());
                Database.setInstant(update, 3, now);
                Database.setInstant(update, 4, now);
                condition.bind(update, 5);
                return update.executeUpdate();
            }
        });
    }

    /** Of these remote ids of {@code document}'s kind, those another document of the company is linked to. */
    public java.util.Set<String> claimedByOthers(DocumentRef document, String provider, Collection<String> remoteIds) {
        if (remoteIds.isEmpty()) {
            return java.util.Set.of();
        }
        return database.transaction(connection -> {
            String marks = String.join(", ", java.util.Collections.nCopies(remoteIds.size(), "?"));
            try (PreparedStatement query = connection.prepareStatement(CLAIMED.formatted(marks))) {
                int index = 1;
                query.setString(index++, document.company().value());
                query.setString(index++, document.kind().name());
                query.setString(index++, provider);
                for (String remoteId : remoteIds) {
                    query.setString(index++, remoteId);
                }
                query.setString(index, document.hostId());
                java.util.Set<String> claimed = new java.util.HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
                return claimed;
            }
        });
    }

    /** Records that a revision reached the accounting system. Returns false if a newer revision arrived meanwhile. */
    public boolean markSynced(JournalEntry sent, String provider, String remoteId, String remoteNumber, String note, Instant now) {
        return outcome(sent, SyncStatus.SYNCED, provider, remoteId, remoteNumber, sent.revision(), null, note, 1, now, now, now);
    }

    /**
     * The credit notes and payments waiting for an invoice become due once it synced, in the transaction that records
     * the sync: done afterwards, a crash in between left them waiting for minutes (the chaos run met it).
     */
    private static void wakeDependents(Connection connection, JournalEntry synced, Instant now) throws SQLException {
        if (synced.document().kind() != DocumentKind.INVOICE) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(WAKE_DEPENDENTS)) {
            Database.setInstant(update, 1, now);
            update.setString(2, synced.document().company().value());
            update.setString(3, synced.document().hostId());
            Database.setInstant(update, 4, now);
            update.executeUpdate();
        }
    }

    /** Records a refusal someone must act on. */
    public boolean markFailed(JournalEntry sent, String provider, SyncError error, boolean attempted, Instant now) {
        // A document refused before anything was sent stays free to go to whichever provider is active later.
        return outcome(sent, SyncStatus.FAILED, attempted ? provider : sent.provider(), null, null, null, error, null, attempted ? 1 : 0, now, null, now,
                attempted);
    }

    /** Records that a provider declared it cannot do this. */
    public boolean markUnsupported(JournalEntry sent, String provider, SyncError error, Instant now) {
        return outcome(sent, SyncStatus.UNSUPPORTED, sent.provider(), null, null, null, error, null, 0, now, null, now);
    }

    /** Records a send whose outcome is not known; it is reconciled at {@code retryAt}. */
    public boolean markUnknown(JournalEntry sent, String provider, SyncError error, Instant retryAt, Instant now) {
        return outcome(sent, SyncStatus.OUTCOME_UNKNOWN, provider, null, null, null, error, null, 1, retryAt, null, now);
    }

    /** Records a failed attempt that is retried by the engine at {@code retryAt} (transport failure, absent provider). */
    public boolean markRetry(JournalEntry sent, String provider, SyncError error, Instant retryAt, Instant now) {
        return outcome(sent, SyncStatus.PENDING, provider, null, null, null, error, null, 1, retryAt, null, now);
    }

    /**
     * Leaves queued rows queued with a status and reason for waiting (DISCONNECTED, PENDING behind a
     * rate limit or a prerequisite); no attempt is counted.
     */
    public void markWaiting(Collection<JournalEntry> entries, SyncStatus status, SyncError reason, Instant retryAt, Instant now) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(WAITING)) {
                for (JournalEntry entry : entries) {
                    update.setString(1, status.name());
                    update.setString(2, reason == null ? null : reason.code().name());
                    update.setString(3, reason == null ? null : reason.message());
                    update.setString(4, reason == null ? null : reason.detail());
                    Database.setInstant(update, 5, retryAt);
                    Database.setInstant(update, 6, now);
                    update.setLong(7, entry.id());
                    update.setString(8, node.value());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /**
     * Makes rows that wait for something outside them (a provider, a connection, a limit) due now,
     * because that something changed. Returns how many.
     */
    public int wakeWaiting(Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(WAKE)) {
                Database.setInstant(update, 1, now);
                Database.setInstant(update, 2, now);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Makes a queued document that waits for its back-off due now; its attempts, error and status stay (the status says
     * why it waited until the next attempt says otherwise). A document not queued, or already due, is left as it is.
     * Returns the row after the change, or empty when the document is unknown.
     */
    public Optional<JournalEntry> sendNow(DocumentRef document, Instant now) {
        return database.transaction(connection -> {
            Optional<JournalEntry> entry = JournalRows.find(connection, document);
            if (entry.isEmpty()) {
                return entry;
            }
            try (PreparedStatement update = connection.prepareStatement(SEND_NOW)) {
                Database.setInstant(update, 1, now);
                update.setLong(2, entry.get().id());
                Database.setInstant(update, 3, now);
                update.executeUpdate();
            }
            return JournalRows.find(connection, document);
        });
    }

    /** Queues one failed or unsupported document again. */
    public Optional<JournalEntry> requeue(DocumentRef document, Set<SyncStatus> from, Instant now) {
        return database.transaction(connection -> {
            Optional<JournalEntry> entry = JournalRows.find(connection, document);
            if (entry.isEmpty() || !from.contains(entry.get().status())) {
                return Optional.<JournalEntry>empty();
            }
            requeue(connection, entry.get(), from, now);
            return JournalRows.find(connection, document);
        });
    }

    /** Queues every failed or unsupported document of a company again. */
    public List<JournalEntry> requeueFailed(CompanyId company, Instant now) {
        return requeueAll(company, FAILED_OF_COMPANY, Set.of(SyncStatus.FAILED, SyncStatus.UNSUPPORTED), now, null);
    }

    /** Queues historical invoices (all of the company's when {@code hostIds} is empty). */
    public List<JournalEntry> queueHistorical(CompanyId company, Collection<String> hostIds, Instant now) {
        return requeueAll(company, NOT_ATTEMPTED_OF_COMPANY, Set.of(SyncStatus.NOT_ATTEMPTED), now, hostIds);
    }

    private List<JournalEntry> requeueAll(CompanyId company, String select, Set<SyncStatus> from, Instant now,
                                          Collection<String> onlyHostIds) {
        return database.transaction(connection -> {
            List<JournalEntry> candidates;
            try (PreparedStatement query = connection.prepareStatement(select)) {
                query.setString(1, company.value());
                candidates = JournalRows.list(query);
            }
            List<JournalEntry> queued = new ArrayList<>();
            for (JournalEntry entry : candidates) {
                if (onlyHostIds == null || onlyHostIds.isEmpty() || onlyHostIds.contains(entry.document().hostId())) {
                    requeue(connection, entry, from, now);
                    queued.add(JournalRows.find(connection, entry.document()).orElseThrow());
                }
            }
            return queued;
        });
    }

    private static void requeue(Connection connection, JournalEntry entry, Set<SyncStatus> from, Instant now) throws SQLException {
        String statuses = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        try (PreparedStatement update = connection.prepareStatement(REQUEUE.formatted(statuses))) {
            Database.setInstant(update, 1, now);
            Database.setInstant(update, 2, now);
            update.setLong(3, entry.id());
            update.executeUpdate();
        }
    }

    private boolean outcome(JournalEntry sent, SyncStatus status, String provider, String remoteId, String remoteNumber,
                            Integer syncedRevision, SyncError error, String note, int attempts, Instant nextAttemptAt,
                            Instant syncedAt, Instant now) {
        return outcome(sent, status, provider, remoteId, remoteNumber, syncedRevision, error, note, attempts, nextAttemptAt, syncedAt,
                now, false);
    }

    /** @param refusedThere true for the accounting system's own refusal of the document in answer to its push */
    private boolean outcome(JournalEntry sent, SyncStatus status, String provider, String remoteId, String remoteNumber,
                            Integer syncedRevision, SyncError error, String note, int attempts, Instant nextAttemptAt,
                            Instant syncedAt, Instant now, boolean refusedThere) {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(OUTCOME)) {
                update.setString(1, status.name());
                update.setString(2, provider);
                update.setString(3, remoteId);
                update.setString(4, remoteNumber);
                if (syncedRevision == null) {
                    update.setNull(5, java.sql.Types.INTEGER);
                } else {
                    update.setInt(5, syncedRevision);
                }
                update.setString(6, error == null ? null : error.code().name());
                update.setString(7, error == null ? null : truncate(error.message(), 1000));
                update.setString(8, error == null ? null : truncate(error.detail(), 4000));
                update.setString(9, truncate(note, 1000));
                update.setInt(10, attempts);
                Database.setInstant(update, 11, nextAttemptAt);
                Database.setInstant(update, 12, now);
                Database.setInstant(update, 13, syncedAt);
                update.setBoolean(14, status == SyncStatus.SYNCED);
                update.setBoolean(15, refusedThere);
                update.setLong(16, sent.id());
                update.setInt(17, sent.revision());
                if (update.executeUpdate() == 1) {
                    if (status == SyncStatus.SYNCED) {
                        wakeDependents(connection, sent, now);
                    }
                    return true;
                }
            }
            if (status == SyncStatus.SYNCED) {
                try (PreparedStatement older = connection.prepareStatement(OUTCOME_OF_OLDER_REVISION)) {
                    older.setString(1, provider);
                    older.setString(2, remoteId);
                    older.setString(3, remoteNumber);
                    if (syncedRevision == null) {
                        older.setNull(4, java.sql.Types.INTEGER);
                    } else {
                        older.setInt(4, syncedRevision);
                    }
                    older.setBoolean(5, true);
                    older.setLong(6, sent.id());
                    older.setInt(7, sent.revision());
                    older.executeUpdate();
                }
            }
            return false;
        });
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
