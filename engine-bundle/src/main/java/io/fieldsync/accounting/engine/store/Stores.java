package io.fieldsync.accounting.engine.store;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

/**
 * The engine's stores over one database, migrated before any store is made. Only wiring code holds this (the
 * {@code EngineDatabase} component, which publishes each store as a service, the bench and the tests); the engine's
 * classes are handed the stores they use, never this.
 */
public record Stores(int schemaVersion, String installationId, NodeId node, Journal journal, CompanyProviders companyProviders,
                     ProviderBindings providerBindings, JournalReports reports, PaymentStates paymentStates,
                     ConnectionStore connections, LaneLeases leases, SetupStore setup, CustomerLinks customerLinks,
                     SyncLogStore syncLog) {

    /** Who this engine is among those sharing the database. */
    public EngineIdentity identity() {
        return new EngineIdentity(installationId, node, schemaVersion);
    }

    /** The stores of the node Karaf's name or the host name makes, tokens sealed with the key in {@code tokenKeyFile}. */
    public static Stores open(DataSource dataSource, Path tokenKeyFile, Clock clock) {
        return open(dataSource, tokenKeyFile, clock, NodeId.of(null), null);
    }

    /**
     * Migrates the schema, then makes the stores of node {@code node} among those sharing the database, tokens sealed
     * with the configured {@code tokenKeys} ({@link TokenVault#configured}; empty or null for the key in
     * {@code tokenKeyFile}). Nothing is made when the migration fails: no store ever runs on an old schema.
     */
    public static Stores open(DataSource dataSource, Path tokenKeyFile, Clock clock, NodeId node, String tokenKeys) {
        Database database = new Database(dataSource);
        int schemaVersion = new SchemaMigrations(database, clock).migrate();
        String installationId = Installation.identify(database, clock);
        Json json = new Json();
        CompanyProviders companyProviders = new CompanyProviders(database);
        return new Stores(schemaVersion, installationId, node, new Journal(database, companyProviders, node), companyProviders,
                new ProviderBindings(database, companyProviders), new JournalReports(database), new PaymentStates(database),
                new ConnectionStore(database, json, TokenVault.configured(tokenKeys, tokenKeyFile), clock), new LaneLeases(database),
                new SetupStore(database, json, clock), new CustomerLinks(database), new SyncLogStore(database));
    }
}
