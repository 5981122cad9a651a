package io.fieldsync.accounting.sandbox.xero;

import com.sun.net.httpserver.HttpServer;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.api.AccountingApi;
import io.fieldsync.accounting.sandbox.xero.http.IdempotencyCache;
import io.fieldsync.accounting.sandbox.xero.http.RateLimiter;
import io.fieldsync.accounting.sandbox.xero.identity.BearerAuthentication;
import io.fieldsync.accounting.sandbox.xero.identity.Connections;
import io.fieldsync.accounting.sandbox.xero.identity.ConnectionsEndpoint;
import io.fieldsync.accounting.sandbox.xero.identity.IdentityEndpoints;
import io.fieldsync.accounting.sandbox.xero.identity.TokenService;
import io.fieldsync.accounting.sandbox.xero.identity.TokenSet;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.OrganisationBuilder;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisations;
import io.fieldsync.accounting.sandbox.xero.webhooks.Webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Xero: the Accounting API (organisation, accounts, tax rates, items, contacts, invoices, credit notes and
 * allocations, payments), Xero identity (authorize, token with rotating refresh tokens, revocation, connections),
 * signed webhooks, the real limits and idempotency rules, and fault injection. It speaks only Xero's wire format.
 * <pre>
 * XeroSandbox xero = new XeroSandbox().start(0);
 * Organisation org = DemoOrganisation.create(xero);
 * TokenSet tokens = xero.connect(org);
 * // GET xero.apiUrl() + "/Invoices" with "Authorization: Bearer " + tokens.accessToken() and
 * //     "xero-tenant-id: " + org.tenantId()
 * xero.stop();
 * </pre>
 * No static state: several sandboxes can run side by side, and one can be wrapped in a DS component later.
 */
public final class XeroSandbox implements AutoCloseable {

    /** Scopes of a typical accounting integration, as {@link #connect} grants them. */
    public static final String DEFAULT_SCOPES =
            "openid profile email accounting.transactions accounting.contacts accounting.settings offline_access";

    private final XeroSandboxConfig config;
    private final SandboxClock clock;
    private final FaultInjection faults = new FaultInjection();
    private final String userId = UUID.randomUUID().toString();
    private final Webhooks webhooks;
    private final Organisations organisations;
    private final Connections connections;
    private final TokenService tokens;
    private final RateLimiter limiter;
    private final IdempotencyCache idempotency;
    private HttpServer server;
    private ExecutorService executor;
    private volatile String baseUrl;
    private boolean stopped;

    public XeroSandbox() {
        this(XeroSandboxConfig.defaults(), SandboxClock.system());
    }

    public XeroSandbox(XeroSandboxConfig config, SandboxClock clock) {
        this.config = config;
        this.clock = clock;
        this.webhooks = new Webhooks(clock, this::apiUrl);
        this.organisations = new Organisations(clock, webhooks);
        this.connections = new Connections(clock);
        this.tokens = new TokenService(config, clock, this::identityUrl);
        this.limiter = new RateLimiter(config.limits(), clock);
        this.idempotency = new IdempotencyCache(config.idempotencyRetention(), clock);
    }

    /** Starts serving on {@code port} (0: any free port) of the configured host. */
    public synchronized XeroSandbox start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started on " + baseUrl);
        }
        if (stopped) {
            throw new IllegalStateException("a stopped sandbox cannot start again: create a new one");
        }
        BearerAuthentication bearer = new BearerAuthentication(tokens, clock);
        IdentityEndpoints identity = new IdentityEndpoints(config, tokens, connections, organisations::all,
                this::baseUrl, userId);
        AccountingApi accounting = new AccountingApi(config, bearer, connections, organisations, limiter, idempotency,
                faults, clock);
        XeroRouter router = new XeroRouter(config.paths(), identity, new ConnectionsEndpoint(bearer, connections), accounting);
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + port, e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "xero-sandbox-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
        stopped = true;
        webhooks.close();
    }

    @Override
    public void close() {
        stop();
    }

    // --- where things are ---

    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("the sandbox is not started");
        }
        return baseUrl;
    }

    /** Stands for https://login.xero.com. */
    public String loginUrl() {
        return baseUrl() + config.paths().login();
    }

    /** Stands for https://identity.xero.com. */
    public String identityUrl() {
        return baseUrl() + config.paths().identity();
    }

    /** Stands for https://api.xero.com (the root of /api.xro/2.0 and /connections). */
    public String apiRootUrl() {
        return baseUrl() + config.paths().apiRoot();
    }

    public String authorizeUrl() {
        return baseUrl() + config.paths().authorize();
    }

    public String tokenUrl() {
        return baseUrl() + config.paths().token();
    }

    public String revocationUrl() {
        return baseUrl() + config.paths().revocation();
    }

    public String connectionsUrl() {
        return baseUrl() + config.paths().connections();
    }

    /** Stands for https://api.xero.com/api.xro/2.0. */
    public String apiUrl() {
        return baseUrl() + config.paths().accounting();
    }

    // --- seeding and control, for tests and demos ---

    /** Starts seeding an organisation; {@code create()} on the builder registers it. */
    public OrganisationBuilder organisation(String name) {
        return organisations.builder(name);
    }

    public Organisations organisations() {
        return organisations;
    }

    /**
     * What a user's consent plus a code exchange would produce, without the browser: connections to {@code orgs}
     * and a fresh token set with {@link #DEFAULT_SCOPES}.
     */
    public TokenSet connect(Organisation... orgs) {
        return connect(DEFAULT_SCOPES, orgs);
    }

    /** As {@link #connect(Organisation...)}, with the given space-separated scopes. */
    public TokenSet connect(String scopes, Organisation... orgs) {
        UUID authEventId = UUID.randomUUID();
        for (Organisation org : orgs) {
            connections.connect(config.clientId(), userId, org, authEventId);
        }
        return tokens.issue(config.clientId(), userId, authEventId, scopes);
    }

    /** The user revokes the app: every refresh token is dead and every connection is gone (API answers 403). */
    public void revokeAccess() {
        tokens.revokeEverything();
        connections.removeEverything();
    }

    /** API calls of the app for this tenant being served right now. */
    public int inFlight(Organisation org) {
        return limiter.inFlight(config.clientId(), org.tenantId().toString());
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public FaultInjection faults() {
        return faults;
    }

    public SandboxClock clock() {
        return clock;
    }

    public XeroSandboxConfig config() {
        return config;
    }
}
