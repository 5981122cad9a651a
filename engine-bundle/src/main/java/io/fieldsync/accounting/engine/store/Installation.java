package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Who this installation is: a random id written once into the journal's database. It goes into every
 * idempotency key, so two installations sharing one Xero or Intuit app, or a journal rebuilt from
 * scratch (row ids start at 1 again), never send the same key for different documents.
 */
public final class Installation {

    private static final String READ = "SELECT id FROM installation WHERE singleton = 1";
    private static final String WRITE = "INSERT INTO installation (singleton, id, created_at) VALUES (1, ?, ?)";

    private Installation() {
    }

    /** The installation's id, written now if this is the journal's first start. */
    public static String identify(Database database, Clock clock) {
        Optional<String> known = read(database);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            database.transaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(WRITE)) {
                    insert.setString(1, UUID.randomUUID().toString());
                    Database.setInstant(insert, 2, clock.instant());
                    return insert.executeUpdate();
                }
            });
        } catch (StoreException raced) {
            // another node sharing the journal wrote it first: its id is the one
        }
        return read(database).orElseThrow(() -> new StoreException("The installation id could not be written", null));
    }

    private static Optional<String> read(Database database) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(READ); ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
        });
    }
}
