package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.FaultInjection;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.control.ControlSurface;
import io.fieldsync.accounting.sandbox.http.IdempotencyCache;
import io.fieldsync.accounting.sandbox.qbo.api.CompanyApi;
import io.fieldsync.accounting.sandbox.qbo.control.QboInvoiceSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.QboLedgerCounts;
import io.fieldsync.accounting.sandbox.qbo.control.QboPaymentSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.QboSandboxControl;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.qbo.control.QboWebhookPost;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.qbo.http.QboThrottle;
import io.fieldsync.accounting.sandbox.qbo.identity.BearerCheck;
import io.fieldsync.accounting.sandbox.qbo.identity.OAuthEndpoints;
import io.fieldsync.accounting.sandbox.qbo.identity.QboTokenService;
import io.fieldsync.accounting.sandbox.qbo.ledger.Companies;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.CompanyPreferences;
import io.fieldsync.accounting.sandbox.qbo.ledger.Customers;
import io.fieldsync.accounting.sandbox.qbo.ledger.Payments;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboMoney;
import io.fieldsync.accounting.sandbox.qbo.webhooks.CloudEventsWebhooks;
import io.fieldsync.accounting.sandbox.transport.CallTransport;
import io.fieldsync.accounting.sandbox.transport.Serving;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local QuickBooks Online: Intuit OAuth 2.0 (authorize with realmId, token with rotating refresh tokens,
 * revocation), the Accounting API v3 for customers, items, invoices, credit memos and payments (create, read, full and
 * sparse update with SyncToken, delete, void), query, batch, CDC and CompanyInfo, QBO's business rules and fault
 * codes, its throttles, {@code requestid} replay, CloudEvents webhooks signed with {@code intuit-signature}, and
 * fault injection. It speaks only QBO's wire format.
 * <pre>
 * QboSandbox qbo = new QboSandbox().start(0);
 * SandboxRealm realm = qbo.seedDemoCompany(DemoCompany.NAME);
 * QboTokens tokens = qbo.connect(realm.realmId());
 * // GET qbo.apiUrl() + "/v3/company/" + realm.realmId() + "/query?query=select * from Invoice&amp;minorversion=75"
 * //     with "Authorization: Bearer " + tokens.accessToken()
 * qbo.close();
 * </pre>
 * Served by the JDK's HTTP server ({@link #start(int)}) or by a host's server that hands requests to {@link #serve}
 * ({@link #mount(String)}: the servlet of the OSGi component). No static state.
 */
public final class QboSandbox implements QboSandboxControl, AutoCloseable {

    private final QboSandboxConfig config;
    private final SandboxClock clock;
    private final FaultInjection faults = new FaultInjection();
    private final CloudEventsWebhooks webhooks;
    private final Companies companies;
    private final QboTokenService tokens;
    private final QboThrottle throttle;
    private final QboRouter router;
    private final Serving serving = new Serving();

    public QboSandbox() {
        this(QboSandboxConfig.defaults(), SandboxClock.system());
    }

    public QboSandbox(QboSandboxConfig config, SandboxClock clock) {
        this.config = config;
        this.clock = clock;
        this.webhooks = new CloudEventsWebhooks(clock, config.webhookCoalescing());
        this.companies = new Companies(clock, webhooks);
        this.tokens = new QboTokenService(config, clock);
        this.throttle = new QboThrottle(config.limits(), clock);
        OAuthEndpoints oauth = new OAuthEndpoints(config, tokens, companies::all, faults);
        CompanyApi api = new CompanyApi(config, new BearerCheck(tokens, clock), companies, throttle,
                new IdempotencyCache(config.requestIdRetention(), clock), faults, clock);
        this.router = new QboRouter(oauth, api, faults, clock);
    }

    /** Starts serving on the JDK's HTTP server, on {@code port} (0: any free port) of the configured host. */
    public QboSandbox start(int port) {
        serving.start(config.host(), port, config.threads(), "qbo-sandbox", router::serve);
        return this;
    }

    /**
     * Lets a host's HTTP server serve the sandbox: it passes every request below its mount point to {@link #serve},
     * with paths relative to that point. {@code externalBaseUrl} is the mount point as clients reach it.
     */
    public QboSandbox mount(String externalBaseUrl) {
        serving.mount(externalBaseUrl);
        return this;
    }

    /**
     * Serves the sandbox-only control surface under {@value ControlSurface#PREFIX} (faults, revocation, the whole
     * ledger as JSON) to other processes; see {@link ControlSurface}. Off unless asked for: the standalone jar asks.
     */
    public QboSandbox serveControlSurface() {
        router.serveControlSurface(new ControlSurface("qbo", faults, clock, this::revokeAccess, this::expireAccessTokens,
                () -> QboLedgerJson.of(companies.all())));
        return this;
    }

    /** Answers one request of a host's HTTP server (see {@link #mount}); never throws. */
    public void serve(CallTransport call) {
        router.serve(call);
    }

    @Override
    public void close() {
        serving.stop();
        webhooks.close();
    }

    // --- where things are ---

    @Override
    public String baseUrl() {
        return serving.baseUrl();
    }

    @Override
    public String authorizeUrl() {
        return baseUrl() + QboRouter.AUTHORIZE;
    }

    @Override
    public String tokenUrl() {
        return baseUrl() + QboRouter.TOKEN;
    }

    @Override
    public String revocationUrl() {
        return baseUrl() + QboRouter.REVOKE;
    }

    @Override
    public String apiUrl() {
        return baseUrl();
    }

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public String clientSecret() {
        return config.clientSecret();
    }

    @Override
    public String verifierToken() {
        return config.verifierToken();
    }

    public QboSandboxConfig config() {
        return config;
    }

    public SandboxClock clock() {
        return clock;
    }

    public FaultInjection faults() {
        return faults;
    }

    /** API requests of the app for this company being served right now. */
    public int inFlight(String realmId) {
        return throttle.inFlight(config.clientId(), realmId);
    }

    // --- companies and grants ---

    @Override
    public SandboxRealm seedDemoCompany(String name) {
        return QboSnapshots.realm(DemoCompany.create(companies, name));
    }

    @Override
    public SandboxRealm seedUsDemoCompany(String name) {
        return QboSnapshots.realm(UsDemoCompany.create(companies, name));
    }

    /**
     * Changes a company's settings as its admin would in QBO (Account and settings): multicurrency, discounts,
     * Automated Sales Tax. Sandbox-only; the Preferences entity shows the result.
     */
    public void changePreferences(String realmId, java.util.function.Consumer<CompanyPreferences> change) {
        Company company = company(realmId);
        synchronized (company) {
            change.accept(company.preferences());
        }
    }

    @Override
    public List<SandboxRealm> realms() {
        return companies.all().stream().map(QboSnapshots::realm).toList();
    }

    @Override
    public QboTokens connect(String realmId) {
        company(realmId);
        return tokens.connect(config.clientId(), realmId);
    }

    /** The token endpoint's JSON for tokens from {@link #connect} (what SandboxMain prints). */
    public ObjectNode tokenResponse(QboTokens issued) {
        return OAuthEndpoints.tokenBody(issued, config);
    }

    @Override
    public void revokeAccess() {
        tokens.revokeEverything();
    }

    /**
     * Every access token issued so far expires now (a fault: clients see 401 and must refresh), so that a token
     * endpoint outage can meet a client that needs it without moving the clock.
     */
    public void expireAccessTokens() {
        tokens.expireAccessTokens(clock.instant());
    }

    // --- ledger ---

    @Override
    public QboLedgerCounts counts(String realmId) {
        Company company = company(realmId);
        synchronized (company) {
            return QboSnapshots.counts(company);
        }
    }

    @Override
    public List<QboInvoiceSnapshot> invoices(String realmId) {
        Company company = company(realmId);
        synchronized (company) {
            return company.tableOf("Invoice").all().stream().map(i -> QboSnapshots.invoice(company, i)).toList();
        }
    }

    @Override
    public Optional<QboInvoiceSnapshot> invoice(String realmId, String docNumber) {
        return invoices(realmId).stream().filter(i -> docNumber.equals(i.docNumber())).findFirst();
    }

    @Override
    public List<QboPaymentSnapshot> payments(String realmId) {
        Company company = company(realmId);
        synchronized (company) {
            List<QboPaymentSnapshot> all = new ArrayList<>();
            company.tableOf("Payment").all().forEach(p -> all.add(QboSnapshots.payment(company, p, false)));
            company.tableOf("Payment").deletedStates().forEach(p -> all.add(QboSnapshots.payment(company, p, true)));
            all.sort((a, b) -> Long.compare(Long.parseLong(a.id()), Long.parseLong(b.id())));
            return all;
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * The rules are those of {@code POST /payment}, reported as exceptions: this is QBO's web app, not the API.
     */
    @Override
    public QboPaymentSnapshot enterPayment(String realmId, String docNumber, BigDecimal amount, LocalDate date) {
        Company company = company(realmId);
        synchronized (company) {
            ObjectNode invoice = company.tableOf("Invoice").all().stream()
                    .filter(i -> docNumber.equals(i.path("DocNumber").asText()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no invoice " + docNumber
                            + " in " + company.name()));
            BigDecimal rounded = QboMoney.round(amount);
            if (rounded.signum() <= 0 || rounded.compareTo(invoice.get("Balance").decimalValue()) > 0) {
                throw new IllegalArgumentException("the amount must be above 0 and at most the balance ("
                        + invoice.get("Balance").decimalValue() + "): " + rounded);
            }
            ObjectNode payment = SandboxJson.object();
            payment.set("CustomerRef", invoice.get("CustomerRef").deepCopy());
            payment.put("TotalAmt", rounded);
            payment.put("TxnDate", date.toString());
            ObjectNode line = payment.putArray("Line").addObject();
            line.put("Amount", rounded);
            line.putArray("LinkedTxn").addObject().put("TxnId", invoice.get("Id").asText()).put("TxnType", "Invoice");
            try {
                return QboSnapshots.payment(company, Payments.create(company, payment), false);
            } catch (QboFault fault) {
                throw new IllegalArgumentException(fault.detail(), fault);
            }
        }
    }

    @Override
    public String renameCustomer(String realmId, String displayName, String newDisplayName) {
        Company company = company(realmId);
        synchronized (company) {
            ObjectNode customer = company.tableOf("Customer").all().stream()
                    .filter(c -> displayName.equals(c.path("DisplayName").asText()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no customer " + displayName + " in " + company.name()));
            ObjectNode rename = SandboxJson.object();
            rename.put("Id", customer.get("Id").asText());
            rename.put("SyncToken", customer.get("SyncToken").asText());
            rename.put("sparse", true);
            rename.put("DisplayName", newDisplayName);
            try {
                return Customers.update(company, rename).get("Id").asText();
            } catch (QboFault fault) {
                throw new IllegalArgumentException(fault.detail(), fault);
            }
        }
    }

    // --- webhooks ---

    @Override
    public boolean configureWebhooks(URI receiver, String verifierToken) {
        return webhooks.configure(receiver, verifierToken);
    }

    @Override
    public List<QboWebhookPost> webhookPosts() {
        return webhooks.posts();
    }

    @Override
    public boolean awaitWebhookPosts(int count, Duration timeout) throws InterruptedException {
        return webhooks.awaitPosts(count, timeout);
    }

    // --- simulator-only controls ---

    @Override
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    @Override
    public void failNext(int calls, int status) {
        faults.failNext(calls, status);
    }

    @Override
    public void dropConnectionAfterApply(int writes) {
        faults.dropConnectionAfterApply(writes);
    }

    @Override
    public void throttleNext(int calls) {
        faults.tooManyRequests(calls, Duration.ofSeconds(1));
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

    private Company company(String realmId) {
        return companies.get(realmId).orElseThrow(() ->
                new IllegalArgumentException("the sandbox hosts no company " + realmId));
    }
}
