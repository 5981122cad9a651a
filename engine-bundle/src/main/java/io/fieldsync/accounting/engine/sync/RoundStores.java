package io.fieldsync.accounting.engine.sync;

import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.store.SyncLogStore;

/**
 * The stores a lane's turn reads and writes, handed to the {@link Dispatcher} by reference and passed down to its
 * rounds, stages and sessions: a turn records attempts and outcomes (journal), checks an invoice's dependents
 * (reports), uses and expires the connection (connections), books lines by the company's mappings (setup), links
 * customers (customer links) and logs every call (sync log).
 */
public record RoundStores(Journal journal, JournalReports reports, ConnectionStore connections, SetupStore setup,
                          CustomerLinks customerLinks, SyncLogStore syncLog, Json json) {

    public RoundStores(Journal journal, JournalReports reports, ConnectionStore connections, SetupStore setup,
                       CustomerLinks customerLinks, SyncLogStore syncLog) {
        this(journal, reports, connections, setup, customerLinks, syncLog, new Json());
    }

    /** The turns' share of the stores wiring code opened (the bench, the tests). */
    public static RoundStores of(Stores stores) {
        return new RoundStores(stores.journal(), stores.reports(), stores.connections(), stores.setup(), stores.customerLinks(),
                stores.syncLog());
    }
}
