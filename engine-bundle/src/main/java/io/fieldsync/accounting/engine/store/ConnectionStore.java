package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.TokenSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections per company and accounting system, their encrypted tokens, and the one-time OAuth states.
 *
 * <p>Tokens that cannot be opened with this installation's key (the key file was lost or replaced) are not an error
 * of the store: such a connection reads as {@link ConnectionState#EXPIRED}, without tokens, with a last error that
 * says to reconnect. Nothing is written by that reading, so putting the old key file back restores the connection; a
 * reconnect overwrites the unreadable tokens.
 */
public final class ConnectionStore {

    /** The last error of a connection whose stored tokens this installation cannot read. */
    static final String UNREADABLE_TOKENS = "This connection's stored tokens cannot be read with this installation's key "
            + "(token.key in Karaf's data folder was lost or replaced, or the token.keys configuration lacks the key that sealed "
            + "them or cannot be read); reconnect in Settings → Accounting → Connection. "
            + "Waiting documents are sent after that.";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStore.class);

    private static final TypeReference<List<Organisation>> ORGANISATIONS = new TypeReference<>() {
    };

    private static final String FIND = "SELECT * FROM connections WHERE company_id = ? AND provider = ?";
    private static final String UPDATE = "UPDATE connections SET state = ?, tenant_id = ?, organisation_name = ?, "
            + "organisations = ?, tokens = ?, connected_since = ?, last_sync_at = ?, last_error_code = ?, "
            + "last_error_message = ?, last_error_detail = ?, updated_at = ? WHERE company_id = ? AND provider = ?";
    private static final String INSERT = "INSERT INTO connections (state, tenant_id, organisation_name, organisations, tokens, "
            + "connected_since, last_sync_at, last_error_code, last_error_message, last_error_detail, updated_at, company_id, "
            + "provider) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Only from CONNECTED: the one who makes the transition alerts, and a disconnect or reconnect meanwhile is kept. */
    private static final String EXPIRE = "UPDATE connections SET state = 'EXPIRED', last_error_code = ?, last_error_message = ?, "
            + "last_error_detail = ?, updated_at = ? WHERE company_id = ? AND provider = ? AND state = 'CONNECTED'";
    private static final String ALL = "SELECT company_id, provider FROM connections ORDER BY company_id, provider";
    private static final String DELETE = "DELETE FROM connections WHERE company_id = ? AND provider = ?";
    private static final String RECORD_SYNC = "UPDATE connections SET last_sync_at = ?, updated_at = ? WHERE company_id = ? AND provider = ?";
    private static final String COUNT_CONNECTED = "SELECT COUNT(*) FROM connections WHERE provider = ? AND state = 'CONNECTED'";
    private static final String BY_TENANT = "SELECT company_id FROM connections WHERE provider = ? AND tenant_id = ? AND state = 'CONNECTED'";
    private static final String CONNECTED = "SELECT company_id FROM connections WHERE provider = ? AND state = 'CONNECTED'";
    private static final String WATERMARK = "SELECT poll_watermark FROM connections WHERE company_id = ? AND provider = ?";
    private static final String SET_WATERMARK = "UPDATE connections SET poll_watermark = ? WHERE company_id = ? AND provider = ?";
    private static final String PUT_STATE = "INSERT INTO authorizations (state, company_id, provider, expires_at, browser_binding) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String FIND_STATE = "SELECT company_id, provider, expires_at, browser_binding FROM authorizations "
            + "WHERE state = ?";
    private static final String DELETE_STATE = "DELETE FROM authorizations WHERE state = ?";
    private static final String DELETE_EXPIRED_STATES = "DELETE FROM authorizations WHERE expires_at < ?";
    private static final String LOCK_FOR_REFRESH = "SELECT company_id FROM refresh_locks WHERE company_id = ? AND provider = ? FOR UPDATE";
    private static final String ADD_REFRESH_LOCK = "INSERT INTO refresh_locks (company_id, provider) VALUES (?, ?)";
    /** SQLSTATE of a unique or primary key violation, on PostgreSQL and H2 alike. */
    private static final String DUPLICATE_KEY = "23505";

    /** A one-time OAuth state handed out for a company. */
    /**
     * A state handed out and not yet used.
     *
     * @param browserBinding the SHA-256 (hex) of the browser session's binding secret it was begun with, or null
     */
    public record PendingAuthorization(CompanyId company, String provider, Instant expiresAt, String browserBinding) {
    }

    private final Database database;
    private final Json json;
    private final TokenVault vault;
    private final Clock clock;
    /** Connections whose unreadable tokens were logged already: the dispatcher reads them on every pass. */
    private final Set<String> reportedUnreadable = ConcurrentHashMap.newKeySet();

    public ConnectionStore(Database database, Json json, TokenVault vault, Clock clock) {
        this.clock = clock;
        this.database = database;
        this.json = json;
        this.vault = vault;
    }

    /** The company's connection to {@code provider}. */
    public Optional<StoredConnection> find(CompanyId company, String provider) {
        return database.transaction(connection -> find(connection, company, provider));
    }

    /** Stores a connection, replacing what was stored for the same company and provider. */
    public void save(StoredConnection stored) {
        database.transaction(connection -> {
            if (write(connection, UPDATE, stored, clock.instant()) == 0) {
                write(connection, INSERT, stored, clock.instant());
            }
            return null;
        });
    }

    /**
     * Runs {@code refresh} (re-read the tokens, refresh them at the vendor if still needed, store them) while holding the
     * connection's refresh lock in the database, so that of the nodes sharing it only one refreshes a connection at a
     * time: refresh tokens rotate, and a second refresh with the same token would lose the connection. The lock is a
     * row lock held by a transaction of its own, released when {@code refresh} returns or throws, and by the database
     * when the node dies; {@code refresh} reads and stores through this store as usual.
     */
    public <T> T whileRefreshing(CompanyId company, String provider, java.util.function.Supplier<T> refresh) {
        for (int attempt = 1; ; attempt++) {
            Optional<T> done = database.transaction(connection -> {
                try (PreparedStatement lock = connection.prepareStatement(LOCK_FOR_REFRESH)) {
                    lock.setString(1, company.value());
                    lock.setString(2, provider);
                    try (ResultSet row = lock.executeQuery()) {
                        if (!row.next()) {
                            return Optional.<T>empty();
                        }
                    }
                }
                return Optional.of(refresh.get());
            });
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt > 1) {
                throw new IllegalStateException("the refresh lock of " + company + "/" + provider + " cannot be created");
            }
            addRefreshLock(company, provider);
        }
    }

    /** The lock row of a connection refreshed for the first time; another node adding it at the same moment is as good. */
    private void addRefreshLock(CompanyId company, String provider) {
        try {
            database.transaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(ADD_REFRESH_LOCK)) {
                    insert.setString(1, company.value());
                    insert.setString(2, provider);
                    return insert.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState()))) {
                throw e;
            }
        }
    }

    /**
     * Marks the company's connected connection to {@code provider} EXPIRED with {@code reason} as its last error, in one
     * conditional update, so that of several threads or nodes seeing the refusal exactly one is told it expired it.
     *
     * @return whether this call made the connection EXPIRED (false: it was not CONNECTED, or is not stored)
     */
    public boolean expire(CompanyId company, String provider, SyncError reason) {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(EXPIRE)) {
                update.setString(1, reason.code().name());
                update.setString(2, reason.message());
                update.setString(3, clip(reason.detail()));
                Database.setInstant(update, 4, clock.instant());
                update.setString(5, company.value());
                update.setString(6, provider);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Every stored connection, whatever its state (health checks, metrics). */
    public List<StoredConnection> all() {
        return database.transaction(connection -> {
            List<StoredConnection> all = new java.util.ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(ALL); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    find(connection, CompanyId.of(rows.getString("company_id")), rows.getString("provider")).ifPresent(all::add);
                }
            }
            return all;
        });
    }

    /** Forgets the company's connection to {@code provider}. */
    public void delete(CompanyId company, String provider) {
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, company.value());
                delete.setString(2, provider);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Notes that a document synced through the connection. */
    public void recordSync(CompanyId company, String provider, Instant at) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RECORD_SYNC)) {
                Database.setInstant(update, 1, at);
                Database.setInstant(update, 2, at);
                update.setString(3, company.value());
                update.setString(4, provider);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** How many companies are connected to {@code provider}. */
    public long countConnected(String provider) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COUNT_CONNECTED)) {
                query.setString(1, provider);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** The companies connected to {@code provider}'s organisation {@code tenantId} (webhooks name only the tenant). */
    public List<CompanyId> companiesOfTenant(String provider, String tenantId) {
        return companies(BY_TENANT, provider, tenantId);
    }

    /** The companies connected to {@code provider}. */
    public List<CompanyId> connectedCompanies(String provider) {
        return companies(CONNECTED, provider, null);
    }

    /** Where the polling backstop resumes for a connection, if it ran before. */
    public Optional<Instant> pollWatermark(CompanyId company, String provider) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(WATERMARK)) {
                query.setString(1, company.value());
                query.setString(2, provider);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.ofNullable(Database.instant(row, "poll_watermark")) : Optional.<Instant>empty();
                }
            }
        });
    }

    /** Moves the polling watermark of a connection. */
    public void setPollWatermark(CompanyId company, String provider, Instant watermark) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(SET_WATERMARK)) {
                Database.setInstant(update, 1, watermark);
                update.setString(2, company.value());
                update.setString(3, provider);
                update.executeUpdate();
            }
            return null;
        });
    }

    private List<CompanyId> companies(String sql, String provider, String tenantId) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, provider);
                if (tenantId != null) {
                    query.setString(2, tenantId);
                }
                List<CompanyId> companies = new java.util.ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        companies.add(CompanyId.of(rows.getString(1)));
                    }
                }
                return companies;
            }
        });
    }

    /** Remembers a state value handed to the admin's browser. */
    public void putAuthorization(String state, PendingAuthorization pending) {
        database.transaction(connection -> {
            try (PreparedStatement cleanup = connection.prepareStatement(DELETE_EXPIRED_STATES)) {
                Database.setInstant(cleanup, 1, clock.instant());
                cleanup.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(PUT_STATE)) {
                insert.setString(1, state);
                insert.setString(2, pending.company().value());
                insert.setString(3, pending.provider());
                Database.setInstant(insert, 4, pending.expiresAt());
                insert.setString(5, pending.browserBinding());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** A state value handed out and not used yet, left as it is. */
    public Optional<PendingAuthorization> findAuthorization(String state) {
        return database.transaction(connection -> findAuthorization(connection, state));
    }

    /** Takes a state value back, once: a second take of the same value finds nothing. */
    public Optional<PendingAuthorization> takeAuthorization(String state) {
        return database.transaction(connection -> {
            Optional<PendingAuthorization> pending = findAuthorization(connection, state);
            try (PreparedStatement delete = connection.prepareStatement(DELETE_STATE)) {
                delete.setString(1, state);
                // two callbacks racing for one state: only the one whose delete removed the row may complete it
                return delete.executeUpdate() == 1 ? pending : Optional.<PendingAuthorization>empty();
            }
        });
    }

    private static Optional<PendingAuthorization> findAuthorization(Connection connection, String state) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND_STATE)) {
            query.setString(1, state);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return Optional.of(new PendingAuthorization(CompanyId.of(row.getString("company_id")),
                            row.getString("provider"), Database.instant(row, "expires_at"), row.getString("browser_binding")));
                }
                return Optional.empty();
            }
        }
    }

    private Optional<StoredConnection> find(Connection connection, CompanyId company, String provider) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setString(1, company.value());
            query.setString(2, provider);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String organisations = row.getString("organisations");
                String sealed = row.getString("tokens");
                String errorCode = row.getString("last_error_code");
                ConnectionState state = ConnectionState.valueOf(row.getString("state"));
                TokenSet tokens = null;
                SyncError lastError = errorCode == null ? null : new SyncError(ErrorCode.valueOf(errorCode),
                        row.getString("last_error_message"), row.getString("last_error_detail"));
                if (sealed != null) {
                    try {
                        tokens = json.read(vault.open(sealed), TokenSet.class);
                        reportedUnreadable.remove(company.value() + '\u001f' + provider);
                    } catch (IllegalStateException unreadable) {
                        reportUnreadable(company, provider, unreadable);
                        lastError = new SyncError(ErrorCode.CONNECTION_EXPIRED, UNREADABLE_TOKENS, null);
                        state = state == ConnectionState.CONNECTED ? ConnectionState.EXPIRED : state;
                    }
                }
                return Optional.of(new StoredConnection(company, provider, state,
                        row.getString("tenant_id"), row.getString("organisation_name"),
                        organisations == null ? List.of() : json.read(organisations, ORGANISATIONS),
                        tokens, Database.instant(row, "connected_since"), Database.instant(row, "last_sync_at"), lastError));
            }
        }
    }

    private void reportUnreadable(CompanyId company, String provider, IllegalStateException why) {
        if (reportedUnreadable.add(company.value() + '\u001f' + provider)) {
            LOG.error("The {} connection of company {} has stored tokens that cannot be read with this installation's key ({}); it "
                    + "reads as expired until an admin reconnects it", provider, company, why.getMessage());
        }
    }

    private int write(Connection connection, String sql, StoredConnection stored, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, stored.state().name());
            statement.setString(2, stored.tenantId());
            statement.setString(3, stored.organisationName());
            statement.setString(4, stored.organisations().isEmpty() ? null : json.write(stored.organisations()));
            statement.setString(5, stored.tokens() == null ? null : vault.seal(json.write(stored.tokens())));
            Database.setInstant(statement, 6, stored.connectedSince());
            Database.setInstant(statement, 7, stored.lastSyncAt());
            statement.setString(8, stored.lastError() == null ? null : stored.lastError().code().name());
            statement.setString(9, stored.lastError() == null ? null : stored.lastError().message());
            statement.setString(10, stored.lastError() == null ? null : clip(stored.lastError().detail()));
            Database.setInstant(statement, 11, now);
            statement.setString(12, stored.company().value());
            statement.setString(13, stored.provider());
            return statement.executeUpdate();
        }
    }

    /** The column holds 1,000 characters; a vendor's words beyond that add nothing for an admin. */
    private static String clip(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
    }
}
