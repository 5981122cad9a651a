package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.SyncSettings;

/**
 * Mappings (per company and accounting system), settings (per company) and the cached reference data,
 * each stored as one JSON value per key: they are read and written whole, never queried inside.
 */
public final class SetupStore {

    private static final String MAPPINGS = "mappings";
    private static final String REFERENCE_DATA = "reference_data";
    private static final String SETTINGS = "settings";

    /**
     * Settings as stored: those saved before the auto-sync switches existed lack them, and a missing switch means
     * on (what those companies had), never the {@code false} a missing primitive would read as.
     */
    private record StoredSettings(InvoiceStatusOnPush pushInvoicesAs, boolean keepHostInvoiceNumbers, boolean twoWayNameSync,
                                  Boolean autoSyncInvoices, Boolean autoSyncPayments, Integer pollingIntervalMinutes) {

        SyncSettings settings() {
            return new SyncSettings(pushInvoicesAs, keepHostInvoiceNumbers, twoWayNameSync, !Boolean.FALSE.equals(autoSyncInvoices),
                    !Boolean.FALSE.equals(autoSyncPayments), pollingIntervalMinutes);
        }
    }

    private final Database database;
    private final Json json;
    private final Clock clock;

    public SetupStore(Database database, Json json, Clock clock) {
        this.clock = clock;
        this.database = database;
        this.json = json;
    }

    /** The company's mappings for {@code provider}, empty if none were saved. */
    public Mappings mappings(CompanyId company, String provider) {
        return read(MAPPINGS, MAPPINGS, company, provider).map(text -> json.read(text, Mappings.class)).orElse(Mappings.empty());
    }

    /**
     * The company's mappings for {@code provider} as stored: the text attempt keys are made from, so that mappings
     * saved by an earlier version (with fields since dropped) give the keys they gave then.
     */
    public String mappingsText(CompanyId company, String provider) {
        return read(MAPPINGS, MAPPINGS, company, provider).orElseGet(() -> json.write(Mappings.empty()));
    }

    /** Saves the company's mappings for {@code provider}. */
    public void saveMappings(CompanyId company, String provider, Mappings mappings) {
        write(MAPPINGS, MAPPINGS, "updated_at", company, provider, json.write(mappings), clock.instant());
    }

    /** The company's settings, the defaults if none were saved. */
    public SyncSettings settings(CompanyId company) {
        return read(SETTINGS, SETTINGS, company, null).map(text -> json.read(text, StoredSettings.class).settings())
                .orElse(SyncSettings.defaults());
    }

    /** Saves the company's settings. */
    public void saveSettings(CompanyId company, SyncSettings settings) {
        write(SETTINGS, SETTINGS, "updated_at", company, null, json.write(settings), clock.instant());
    }

    /** The reference data last read for the company from {@code provider}. */
    public Optional<ReferenceData> referenceData(CompanyId company, String provider) {
        return read(REFERENCE_DATA, "data", company, provider).map(text -> json.read(text, ReferenceData.class));
    }

    /** Caches reference data. */
    public void saveReferenceData(CompanyId company, String provider, ReferenceData data) {
        write(REFERENCE_DATA, "data", "fetched_at", company, provider, json.write(data), data.fetchedAt());
    }

    private Optional<String> read(String table, String column, CompanyId company, String provider) {
        String sql = "SELECT " + column + " FROM " + table + " WHERE company_id = ?" + (provider == null ? "" : " AND provider = ?");
        // one statement that only reads: it need not wait for a disk sync (a host call reads the company's settings at
        // the door, and its own write waits for the one sync that covers what it read)
        return database.readAtTheDoor(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, company.value());
                if (provider != null) {
                    query.setString(2, provider);
                }
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private void write(String table, String column, String timeColumn, CompanyId company, String provider, String value, Instant at) {
        String key = "company_id = ?" + (provider == null ? "" : " AND provider = ?");
        String update = "UPDATE " + table + " SET " + column + " = ?, " + timeColumn + " = ? WHERE " + key;
        String insert = "INSERT INTO " + table + " (" + column + ", " + timeColumn + ", company_id"
                + (provider == null ? ") VALUES (?, ?, ?)" : ", provider) VALUES (?, ?, ?, ?)");
        database.transaction(connection -> {
            List<String> keys = new ArrayList<>(List.of(company.value()));
            if (provider != null) {
                keys.add(provider);
            }
            int updated;
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                bind(statement, value, at, keys);
                updated = statement.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    bind(statement, value, at, keys);
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, String value, Instant at, List<String> keys) throws java.sql.SQLException {
        statement.setString(1, value);
        Database.setInstant(statement, 2, at);
        for (int i = 0; i < keys.size(); i++) {
            statement.setString(3 + i, keys.get(i));
        }
    }
}
