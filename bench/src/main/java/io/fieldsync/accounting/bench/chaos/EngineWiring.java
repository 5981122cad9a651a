package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.bench.BenchConfigs;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.admin.ConnectionService;
import io.fieldsync.accounting.engine.admin.SetupService;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;
import io.fieldsync.accounting.engine.sync.SyncService;
import io.fieldsync.accounting.quickbooks.QuickBooksConfiguration;
import io.fieldsync.accounting.quickbooks.QuickBooksProvider;
import io.fieldsync.accounting.xero.XeroConfiguration;
import io.fieldsync.accounting.xero.XeroProvider;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.sync.RoundStores;

/**
 * The engine and one provider wired as Declarative Services wires them in Karaf, but in a plain JVM: the journal over a
 * pooled H2 file database (the pool keeps the database open, as Karaf's DBCP2 pool does) or, on several nodes, over
 * PostgreSQL through DBCP2 and pgjdbc as pax-jdbc builds it ({@link JournalPool}), the provider pointed at the
 * standalone sandbox and configured as Config Admin would, the services built with their public constructors.
 */
final class EngineWiring implements AutoCloseable {

    /** Where the OAuth callback would be; the sandboxes accept any redirect URI, the engine only needs it to match. */
    static final String REDIRECT = "http://localhost:8181/accounting/oauth/callback";

    /** The key id under which the nodes of a multi-node run share their token key ({@code token.keys = id:base64}). */
    static final String TOKEN_KEY_ID = "chaos-1";

    private final JournalPool pool;
    final Stores stores;
    final ProviderDirectory directory;
    final HostNotifier notifier;
    final Dispatcher dispatcher;
    final SyncService sync;
    final ConnectionService connections;
    final SetupService setup;
    final String providerId;

    private EngineWiring(ChaosSettings settings) {
        this.providerId = settings.provider().id();
        this.pool = JournalPool.open(settings.journalUrl());
        this.stores = Stores.open(pool.dataSource(), tokenKey(settings.runDir()), java.time.Clock.systemUTC());
        EngineClock time = new EngineClock(java.time.Clock.systemUTC());
        EngineConfiguration engine = engineConfiguration(settings);
        this.directory = new ProviderDirectory(stores.journal(), stores.companyProviders(), engine);
        this.notifier = new HostNotifier();
        this.dispatcher = new Dispatcher(RoundStores.of(stores), stores.leases(), stores.node(), stores.installationId(), time.clock(),
                directory, notifier, engine);
        directory.addProvider(provider(settings), Map.of(AccountingProvider.PROVIDER_PROPERTY, providerId, "service.id", 1L));
        this.sync = new SyncService(stores.journal(), stores.reports(), stores.syncLog(), stores.setup(), time, dispatcher, notifier);
        this.connections = new ConnectionService(stores.connections(), time, directory, dispatcher);
        this.setup = new SetupService(stores.setup(), stores.customerLinks(), time, directory, dispatcher);
    }

    static EngineWiring start(ChaosSettings settings) {
        return new EngineWiring(settings);
    }

    /** The journal's stores alone, for reading it after the run; no dispatcher, nothing is sent. */
    static Stores storesOnly(ChaosSettings settings, DataSource dataSource) {
        return Stores.open(dataSource, tokenKey(settings.runDir()), java.time.Clock.systemUTC());
    }

    /** Where Karaf keeps the token key, {@code ${karaf.data}/accounting/token.key}, under the run's data folder. */
    static Path tokenKey(Path runDir) {
        return runDir.resolve("data").resolve("accounting").resolve("token.key");
    }

    /** A graceful stop (SIGTERM): the pass in progress finishes its call, then the pool closes. */
    @Override
    public void close() throws InterruptedException {
        dispatcher.deactivate();
        notifier.deactivate();
        pool.close();
    }

    private static EngineConfiguration engineConfiguration(ChaosSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("provider", settings.provider().id());
        // polling is a backstop for webhooks, which this run does not use; the ledger is read at the end instead
        properties.put("poll.interval.min", 0);
        properties.put("retry.delay.s", settings.retryDelaySeconds());
        properties.put("retry.delay.max.s", settings.retryDelayMaxSeconds());
        if (settings.node()) {
            // issue 9's node identity and shared key by configuration; ignored by an engine that does not know them yet,
            // whose nodes share the key through the one key file the orchestrator wrote before starting them
            properties.put("node.id", settings.nodeId());
            properties.put("token.keys", TOKEN_KEY_ID + ":" + sharedKey(settings.runDir()));
        }
        return BenchConfigs.of(EngineConfiguration.class, properties);
    }

    private static String sharedKey(Path runDir) {
        try {
            return Files.readString(tokenKey(runDir), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the nodes' shared token key is not at " + tokenKey(runDir), e);
        }
    }

    private static AccountingProvider provider(ChaosSettings settings) {
        String base = settings.sandboxUrl();
        Map<String, Object> properties = new HashMap<>();
        properties.put("client.id", ChaosSettings.CLIENT_ID);
        properties.put("client.secret", ChaosSettings.CLIENT_SECRET);
        properties.put("redirect.uri", REDIRECT);
        properties.put("read.timeout.ms", settings.readTimeoutMillis());
        if (settings.provider() == ChaosProvider.XERO) {
            properties.put("authorize.url", base + "/login/identity/connect/authorize");
            properties.put("identity.url", base + "/identity");
            properties.put("api.url", base);
            return new XeroProvider(BenchConfigs.of(XeroConfiguration.class, properties));
        }
        properties.put("authorize.url", base + "/connect/oauth2");
        properties.put("token.url", base + "/oauth2/v1/tokens/bearer");
        properties.put("revocation.url", base + "/v2/oauth2/tokens/revoke");
        properties.put("api.url", base);
        return new QuickBooksProvider(BenchConfigs.of(QuickBooksConfiguration.class, properties));
    }
}
