package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.control.ControlSurface;
import io.fieldsync.accounting.sandbox.transport.CallTransport;
import io.fieldsync.accounting.sandbox.transport.Serving;
import io.fieldsync.accounting.sandbox.xero.api.AccountingApi;
import io.fieldsync.accounting.sandbox.xero.control.InvoiceSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.LedgerCounts;
import io.fieldsync.accounting.sandbox.xero.control.PaymentSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.SandboxTenant;
import io.fieldsync.accounting.sandbox.xero.control.WebhookPost;
import io.fieldsync.accounting.sandbox.xero.control.WebhookStatus;
import io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl;
import io.fieldsync.accounting.sandbox.http.IdempotencyCache;
import io.fieldsync.accounting.sandbox.xero.http.RateLimiter;
import io.fieldsync.accounting.sandbox.xero.identity.BearerAuthentication;
import io.fieldsync.accounting.sandbox.xero.identity.Connections;
import io.fieldsync.accounting.sandbox.xero.identity.ConnectionsEndpoint;
import io.fieldsync.accounting.sandbox.xero.identity.IdentityEndpoints;
import io.fieldsync.accounting.sandbox.xero.identity.TokenService;
import io.fieldsync.accounting.sandbox.xero.identity.TokenSet;
import io.fieldsync.accounting.sandbox.xero.ledger.Account;
import io.fieldsync.accounting.sandbox.xero.ledger.DocumentStatus;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.Money;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.OrganisationBuilder;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisations;
import io.fieldsync.accounting.sandbox.xero.webhooks.Webhooks;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
 * It is served either by the JDK's own HTTP server ({@link #start(int)}: JUnit, the standalone jar) or by a host's
 * HTTP server that hands each request to {@link #serve} ({@link #mount(String)}: the servlet the sandbox's OSGi
 * component registers in Karaf). No static state: several sandboxes can run side by side.
 */
public final class XeroSandbox implements XeroSandboxControl, AutoCloseable {

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
    private volatile List<Organisation> consentTo = List.of();
    private final TokenService tokens;
    private final RateLimiter limiter;
    private final IdempotencyCache idempotency;
    private final XeroRouter router;
    private final Serving serving = new Serving();

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
        BearerAuthentication bearer = new BearerAuthentication(tokens, clock);
        IdentityEndpoints identity = new IdentityEndpoints(config, tokens, connections, this::consented,
                this::baseUrl, userId, faults);
        AccountingApi accounting = new AccountingApi(config, bearer, connections, organisations, limiter, idempotency,
                faults, clock);
        this.router = new XeroRouter(config.paths(), identity, new ConnectionsEndpoint(bearer, connections), accounting,
                faults, clock);
    }

    /** Starts serving on the JDK's HTTP server, on {@code port} (0: any free port) of the configured host. */
    public XeroSandbox start(int port) {
        serving.start(config.host(), port, config.threads(), "xero-sandbox", router::serve);
        return this;
    }

    /**
     * Lets a host's HTTP server serve the sandbox: it passes every request below its mount point to {@link #serve},
     * with paths relative to that point. {@code externalBaseUrl} is the mount point as clients reach it; the sandbox
     * puts it into what it hands out (redirects, token issuers, discovery, webhook resource URLs).
     */
    public XeroSandbox mount(String externalBaseUrl) {
        serving.mount(externalBaseUrl);
        return this;
    }

    /**
     * Serves the sandbox-only control surface under {@value ControlSurface#PREFIX} (faults, revocation, the whole
     * ledger as JSON) to other processes; see {@link ControlSurface}. Off unless asked for: the standalone jar asks.
     */
    public XeroSandbox serveControlSurface() {
        router.serveControlSurface(new ControlSurface("xero", faults, clock, this::revokeAccess, this::expireAccessTokens,
                () -> LedgerJson.of(organisations.all())));
        return this;
    }

    /** Answers one request of a host's HTTP server (see {@link #mount}); never throws. */
    public void serve(CallTransport call) {
        router.serve(call);
    }

    public void stop() {
        serving.stop();
        webhooks.close();
    }

    @Override
    public void close() {
        stop();
    }

    // --- where things are ---

    @Override
    public String baseUrl() {
        return serving.baseUrl();
    }

    /** Stands for https://login.xero.com. */
    public String loginUrl() {
        return baseUrl() + config.paths().login();
    }

    /** Stands for https://identity.xero.com. */
    @Override
    public String identityUrl() {
        return baseUrl() + config.paths().identity();
    }

    /** Stands for https://api.xero.com (the root of /api.xro/2.0 and /connections). */
    @Override
    public String apiRootUrl() {
        return baseUrl() + config.paths().apiRoot();
    }

    @Override
    public String authorizeUrl() {
        return baseUrl() + config.paths().authorize();
    }

    @Override
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
    @Override
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
    @Override
    public void revokeAccess() {
        tokens.revokeEverything();
        connections.removeEverything();
    }

    /**
     * Every access token issued so far expires now (a fault: clients see 401 and must refresh), so that a token
     * endpoint outage can meet a client that needs it without moving the clock, which would also close limit windows
     * and age idempotency keys.
     */
    public void expireAccessTokens() {
        tokens.expireAccessTokens(clock.instant());
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

    // --- XeroSandboxControl: for tests and demos outside the bundle (plain values, never ledger objects) ---

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public String clientSecret() {
        return config.clientSecret();
    }

    @Override
    public SandboxTenant seedDemoOrganisation(String name) {
        return Snapshots.tenant(DemoOrganisation.create(this, name));
    }

    /**
     * The organisations the user ticks on Xero's consent page at the next authorisations, as a person choosing there:
     * only those are connected under the new authorisation event; organisations connected by earlier consents keep
     * their connection and their earlier {@code authEventId} (developer.xero.com/documentation/guides/oauth2/tenants:
     * "authEventId … the tenants that were authorised in that particular auth flow"). Empty, the default: every
     * organisation.
     */
    public XeroSandbox consentTo(Organisation... orgs) {
        consentTo = List.of(orgs);
        return this;
    }

    private List<Organisation> consented() {
        List<Organisation> chosen = consentTo;
        return chosen.isEmpty() ? organisations.all() : chosen;
    }

    @Override
    public SandboxTenant seedAuDemoOrganisation(String name) {
        return Snapshots.tenant(AuDemoOrganisation.create(this, name));
    }

    @Override
    public List<SandboxTenant> tenants() {
        return organisations.all().stream().map(Snapshots::tenant).toList();
    }

    @Override
    public LedgerCounts counts(UUID tenantId) {
        Organisation org = tenant(tenantId);
        synchronized (org) {
            return Snapshots.counts(org);
        }
    }

    @Override
    public List<InvoiceSnapshot> invoices(UUID tenantId) {
        Organisation org = tenant(tenantId);
        synchronized (org) {
            return org.invoices().stream().map(Snapshots::invoice).toList();
        }
    }

    @Override
    public Optional<InvoiceSnapshot> invoice(UUID tenantId, String invoiceNumber) {
        Organisation org = tenant(tenantId);
        synchronized (org) {
            return org.invoiceByNumber("ACCREC", invoiceNumber).map(Snapshots::invoice);
        }
    }

    @Override
    public List<PaymentSnapshot> payments(UUID tenantId) {
        Organisation org = tenant(tenantId);
        synchronized (org) {
            return org.payments().stream().map(Snapshots::payment).toList();
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * The rules are those of PUT /Payments (reference/api-facts.md §3.1), reported as exceptions rather than Xero's
     * validation messages: this is the web app, not the API.
     */
    @Override
    public PaymentSnapshot enterPayment(UUID tenantId, String invoiceNumber, BigDecimal amount, LocalDate date,
                                        String accountCode) {
        Organisation org = tenant(tenantId);
        synchronized (org) {
            Invoice invoice = org.invoiceByNumber("ACCREC", invoiceNumber).orElseThrow(() ->
                    new IllegalArgumentException("no sales invoice " + invoiceNumber + " in " + org.name()));
            Account account = org.accountByCode(accountCode).orElseThrow(() ->
                    new IllegalArgumentException("no account " + accountCode + " in " + org.name()));
            if (!account.acceptsPayments()) {
                throw new IllegalArgumentException("account " + accountCode + " takes no payments: it must be an active "
                        + "BANK account or have EnablePaymentsToAccount");
            }
            if (invoice.status() != DocumentStatus.AUTHORISED) {
                throw new IllegalStateException("invoice " + invoiceNumber + " is " + invoice.status()
                        + ": only AUTHORISED invoices take payments");
            }
            BigDecimal rounded = Money.round(amount);
            if (rounded.signum() <= 0 || rounded.compareTo(invoice.amountDue()) > 0) {
                throw new IllegalArgumentException("the amount must be above 0 and at most the amount due ("
                        + invoice.amountDue() + "): " + rounded);
            }
            return Snapshots.payment(org.receivePayment(invoice, account, date, rounded, null, false, clock.instant()));
        }
    }

    @Override
    public WebhookStatus webhookStatus() {
        return WebhookStatus.valueOf(webhooks.status().name());
    }

    @Override
    public boolean configureWebhooks(URI receiver, String key) {
        return webhooks.configure(receiver, key).validateEndpoint().passed();
    }

    @Override
    public boolean validateWebhooks() {
        return webhooks.validateEndpoint().passed();
    }

    @Override
    public List<WebhookPost> webhookPosts() {
        return webhooks.deliveries().stream().map(Snapshots::post).toList();
    }

    @Override
    public boolean awaitWebhookEvents(int count, Duration timeout) throws InterruptedException {
        return webhooks.awaitEventDeliveries(count, timeout);
    }

    @Override
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    @Override
    public void dropConnectionAfterApply(int writes) {
        faults.dropConnectionAfterApply(writes);
    }

    @Override
    public void tooManyRequests(int calls, Duration retryAfter) {
        faults.tooManyRequests(calls, retryAfter);
    }

    @Override
    public void errorRate(double probability) {
        faults.errorRate(probability);
    }

    @Override
    public void failTokenEndpoint(int requests, int status) {
        faults.tokenEndpointOutage(requests, status);
    }

    @Override
    public void throttleTokenEndpoint(int requests, Duration retryAfter) {
        faults.tokenEndpointTooManyRequests(requests, retryAfter);
    }

    @Override
    public void dropTokenAnswers(int requests) {
        faults.tokenEndpointDropsAnswers(requests);
    }

    @Override
    public void resetFaults() {
        faults.reset();
    }

    private Organisation tenant(UUID tenantId) {
        return organisations.get(tenantId).orElseThrow(() ->
                new IllegalArgumentException("the sandbox hosts no tenant " + tenantId));
    }
}
