package io.fieldsync.accounting.engine;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.api.spi.ProviderLimits;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.ProviderAuthorization;
import io.fieldsync.accounting.api.spi.ProviderDocuments;
import io.fieldsync.accounting.api.spi.ProviderLedger;
import io.fieldsync.accounting.api.spi.ProviderWebhooks;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

/**
 * An in-memory provider whose answers a test scripts; it records every push so tests can say
 * exactly what reached the "accounting system". One scripted double plays all four facets, so that a test scripts
 * one object whatever facet the engine reaches it through.
 */
public class ScriptedProvider implements AccountingProvider, ProviderAuthorization, ProviderDocuments, ProviderLedger, ProviderWebhooks {

    public final String id;
    /** Everything but sending credit notes and payments in one call, which a test turns on where it is about that. */
    public final Set<ProviderCapability> capabilities = EnumSet.complementOf(EnumSet.of(ProviderCapability.SETTLEMENTS_IN_ONE_CALL));
    /** What each pushSettlements call carried: its credit notes, then its payments. */
    public final List<List<Object>> settlementCalls = new CopyOnWriteArrayList<>();
    public final List<CustomerPush> customerPushes = new CopyOnWriteArrayList<>();
    public final List<InvoicePush> invoicePushes = new CopyOnWriteArrayList<>();
    public final List<CreditNotePush> creditNotePushes = new CopyOnWriteArrayList<>();
    public final List<PaymentPush> paymentPushes = new CopyOnWriteArrayList<>();
    public final List<TokenSet> revoked = new CopyOnWriteArrayList<>();
    public final List<String> disconnectedTenants = new CopyOnWriteArrayList<>();
    public final AtomicInteger refreshes = new AtomicInteger();
    /** The refresh token of every refresh attempt, in order. */
    public final List<String> refreshedWith = new CopyOnWriteArrayList<>();
    /** How many pushInvoices calls were made. */
    public final AtomicInteger invoiceCalls = new AtomicInteger();
    public volatile List<Organisation> organisations = List.of(new Organisation("tenant-1", "Demo Plumbing Ltd"));
    /** Decides each invoice's outcome; the default syncs it. */
    public volatile Function<InvoicePush, PushOutcome> invoiceOutcome =
            push -> PushOutcome.synced(push.document(), remoteId("inv", push), push.invoice().number());
    /** Thrown by the next invoice push instead of answering, once. */
    public volatile RuntimeException nextInvoiceCallFails;
    /** Thrown by the next invoice push instead of answering, once (an Error: a provider bundle half-updated, say). */
    public volatile Error nextInvoiceCallErrs;
    /** Thrown by the next customer push instead of answering, once (an Error: a provider bundle half-updated, say). */
    public volatile Error nextCustomerCallErrs;
    /** When set, the next invoice push records its documents and answers null instead of their outcomes (a provider bug), once. */
    public volatile boolean nextInvoiceCallAnswersNull;
    /**
     * When set, the next push of any kind applies its documents (records them) and then "kills the engine": it throws
     * {@link SimulatedCrash}, so nothing after the call runs, as after a kill -9 of the JVM.
     */
    public volatile boolean crashAfterNextPush;
    /** When set, an invoice push whose batch holds this host id is refused as a whole (HTTP 400 naming no document). */
    public volatile String refuseInvoiceBatchesHolding;
    /** When set, invoice pushes wait for it to open before answering (and count down {@link #invoiceCallStarted} first). */
    public volatile java.util.concurrent.CountDownLatch holdInvoiceCalls;
    public final java.util.concurrent.CountDownLatch invoiceCallStarted = new java.util.concurrent.CountDownLatch(1);
    /** The "accounting system's" payments: remote id → the amount it holds now. */
    public final Map<String, java.math.BigDecimal> remotePayments = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger paymentSerial = new AtomicInteger();
    /** When set, the next invoice push finds its access token rejected (HTTP 401) and asks the session for a fresh one. */
    public volatile boolean rejectAccessTokenOnce;
    /** The access tokens invoice pushes were made with. */
    public final List<String> accessTokensUsed = new CopyOnWriteArrayList<>();
    /** Thrown by refresh(), if set. */
    public volatile RuntimeException refreshFails;
    public volatile Duration refreshTakes = Duration.ZERO;
    /** While set, a refresh waits at the token endpoint until it opens (a slow vendor, as another node refreshes). */
    public volatile java.util.concurrent.CountDownLatch holdRefreshes;
    public final java.util.concurrent.CountDownLatch refreshStarted = new java.util.concurrent.CountDownLatch(1);
    /** When set, every refresh token handed out expires this long after being issued, but never after {@link #refreshHardLimit}. */
    public volatile Duration refreshTokenLife;
    public volatile Instant refreshHardLimit;
    /** The time tokens are issued at. */
    public volatile java.time.Clock clock = java.time.Clock.systemUTC();
    private final AtomicInteger tokenSerial = new AtomicInteger();
    /** The limits the descriptor declares. */
    public volatile ProviderLimits limits = new ProviderLimits(60, 5, 5000, 10000,
            Map.of(DocumentKind.INVOICE, 50, DocumentKind.CUSTOMER, 50, DocumentKind.PAYMENT, 50, DocumentKind.CREDIT_NOTE, 50));
    /** When set, only this company's invoice pushes wait for {@link #holdInvoiceCalls}. */
    public volatile CompanyId holdOnlyFor;
    /** The company of every pushInvoices call, in the order the calls were made. */
    public final List<CompanyId> invoiceCallCompanies = new CopyOnWriteArrayList<>();
    /**
     * When set, every push is one metered call, as a vendor meters them: logged with the session, its remaining minute and
     * day budget reported as Xero's headers report them (no reset time), and refused with a 429 past {@link #limits} in
     * fixed windows that open with a company's first call.
     */
    public volatile boolean metered;
    /** When above 0 (and metered), a customer push costs one call per this many customers, as Xero's lookups do. */
    public volatile int customersPerCall;
    /** How many calls the metering refused for a limit (a 429). */
    public final AtomicInteger refusedForLimits = new AtomicInteger();
    private final Map<CompanyId, Instant[]> windows = new java.util.HashMap<>();
    private final Map<CompanyId, int[]> used = new java.util.HashMap<>();

    public ScriptedProvider(String id) {
        this.id = id;
    }

    public Map<String, Object> properties(long serviceId) {
        return Map.of(PROVIDER_PROPERTY, id, "service.id", serviceId);
    }

    @Override
    public ProviderAuthorization authorization() {
        return this;
    }

    @Override
    public ProviderDocuments documents() {
        return this;
    }

    @Override
    public ProviderLedger ledger() {
        return this;
    }

    @Override
    public ProviderWebhooks webhooks() {
        return this;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return new ProviderDescriptor(id, "Scripted " + id, capabilities, limits);
    }

    /** One metered call for the session's company (see {@link #metered}). */
    private void meter(ProviderSession session, String operation) {
        if (!metered) {
            return;
        }
        Instant now = clock.instant();
        int minuteLeft;
        int dayLeft;
        synchronized (windows) {
            Instant[] window = windows.computeIfAbsent(session.company(), company -> new Instant[2]);
            int[] count = used.computeIfAbsent(session.company(), company -> new int[2]);
            if (window[0] == null || !now.isBefore(window[0])) {
                window[0] = now.plus(Duration.ofMinutes(1));
                count[0] = 0;
            }
            if (window[1] == null || !now.isBefore(window[1])) {
                window[1] = now.plus(Duration.ofDays(1));
                count[1] = 0;
            }
            RateLimit hit = count[1] >= limits.callsPerDay() ? RateLimit.DAY : count[0] >= limits.callsPerMinute() ? RateLimit.MINUTE : null;
            if (hit != null) {
                refusedForLimits.incrementAndGet();
                session.record(new SyncLogEntry(session.company(), null, id, operation, 429, hit.words(), Duration.ZERO, now));
                throw new RateLimitedException(hit, Duration.between(now, window[hit == RateLimit.DAY ? 1 : 0]));
            }
            count[0]++;
            count[1]++;
            minuteLeft = limits.callsPerMinute() - count[0];
            dayLeft = limits.callsPerDay() - count[1];
        }
        session.observe(new RateLimitObservation(minuteLeft, null, dayLeft, null, null, null, null, null, now));
        session.record(new SyncLogEntry(session.company(), null, id, operation, 200, null, Duration.ZERO, now));
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        return URI.create("https://login.example.com/authorize?state=" + request.state());
    }

    @Override
    public AuthorizationGrant exchangeCode(Map<String, String> callbackParameters) {
        return new AuthorizationGrant(tokens(), organisations);
    }

    @Override
    public TokenSet refresh(TokenSet current) {
        refreshes.incrementAndGet();
        refreshedWith.add(current.refreshToken());
        java.util.concurrent.CountDownLatch hold = holdRefreshes;
        if (hold != null) {
            refreshStarted.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Thread.sleep(refreshTakes.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (refreshFails != null) {
            throw refreshFails;
        }
        return tokens();
    }

    @Override
    public void revoke(TokenSet tokens) {
        revoked.add(tokens);
    }

    @Override
    public void disconnect(TokenSet tokens, String tenantId) {
        disconnectedTenants.add(String.valueOf(tenantId));
        revoke(tokens);
    }

    @Override
    public ReferenceData referenceData(ProviderSession session) {
        meter(session, "reference data");
        return new ReferenceData("Demo Plumbing Ltd", List.of(), List.of(), List.of(), clock.instant());
    }

    /** The "accounting system's" contacts, served two to a page. */
    public final List<io.fieldsync.accounting.api.spi.RemoteContact> remoteContacts = new CopyOnWriteArrayList<>();

    /** How many contact pages were read. */
    public final AtomicInteger contactPageReads = new AtomicInteger();

    @Override
    public ContactPage contacts(ProviderSession session, int page) {
        contactPageReads.incrementAndGet();
        int from = Math.min(remoteContacts.size(), (page - 1) * 2);
        int to = Math.min(remoteContacts.size(), from + 2);
        return new ContactPage(remoteContacts.subList(from, to), to < remoteContacts.size());
    }

    @Override
    public List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch) {
        int cost = customersPerCall > 0 ? (batch.size() + customersPerCall - 1) / customersPerCall : 1;
        for (int call = 0; call < cost; call++) {
            meter(session, "customers");
        }
        Error errs = nextCustomerCallErrs;
        if (errs != null) {
            nextCustomerCallErrs = null;
            throw errs;
        }
        customerPushes.addAll(batch);
        return batch.stream().map(push -> PushOutcome.synced(push.document(), "contact-" + push.customer().hostId(), null)).toList();
    }

    /** When set, runs at the start of every invoice push, before it is metered (another caller of the same connection meanwhile). */
    public volatile Runnable beforeInvoiceCall;

    @Override
    public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
        Runnable meanwhile = beforeInvoiceCall;
        if (meanwhile != null) {
            meanwhile.run();
        }
        meter(session, "invoices");
        invoiceCalls.incrementAndGet();
        invoiceCallCompanies.add(session.company());
        invoicePushes.addAll(batch);
        java.util.concurrent.CountDownLatch hold = holdInvoiceCalls;
        CompanyId holdOnly = holdOnlyFor;
        if (hold != null && (holdOnly == null || holdOnly.equals(session.company()))) {
            invoiceCallStarted.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Error error = nextInvoiceCallErrs;
        if (error != null) {
            nextInvoiceCallErrs = null;
            throw error;
        }
        String poison = refuseInvoiceBatchesHolding;
        if (poison != null && batch.stream().anyMatch(push -> push.invoice().hostId().equals(poison))) {
            throw new AccountingException(SyncError.of(ErrorCode.VALIDATION_FAILED, "the request /Invoices")
                    .withDetail("400 A validation exception occurred (the request names no element)"));
        }
        if (rejectAccessTokenOnce) {
            rejectAccessTokenOnce = false;
            session.refreshedAccessToken(session.accessToken());
        }
        accessTokensUsed.add(session.accessToken());
        RuntimeException failure = nextInvoiceCallFails;
        if (failure != null) {
            nextInvoiceCallFails = null;
            throw failure;
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        batch.forEach(push -> outcomes.add(invoiceOutcome.apply(push)));
        crashIfAsked();
        if (nextInvoiceCallAnswersNull) {
            nextInvoiceCallAnswersNull = false;
            return null;
        }
        return outcomes;
    }

    @Override
    public List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch) {
        meter(session, "credit notes");
        return creditNotes(batch);
    }

    @Override
    public List<PushOutcome> pushSettlements(ProviderSession session, List<CreditNotePush> creditNotes, List<PaymentPush> payments) {
        meter(session, "credit notes and payments");
        List<Object> carried = new ArrayList<>(creditNotes);
        carried.addAll(payments);
        settlementCalls.add(List.copyOf(carried));
        List<PushOutcome> outcomes = new ArrayList<>(creditNotes(creditNotes));
        outcomes.addAll(payments(payments));
        return outcomes;
    }

    private List<PushOutcome> creditNotes(List<CreditNotePush> batch) {
        creditNotePushes.addAll(batch);
        return batch.stream().map(push -> PushOutcome.synced(push.document(), id + "-cn-" + push.creditNote().hostId(), null)).toList();
    }

    @Override
    public List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch) {
        meter(session, "payments");
        return payments(batch);
    }

    private List<PushOutcome> payments(List<PaymentPush> batch) {
        paymentPushes.addAll(batch);
        List<PushOutcome> outcomes = new ArrayList<>();
        for (PaymentPush push : batch) {
            String remoteId = push.remotePaymentId() != null && remotePayments.containsKey(push.remotePaymentId())
                    ? push.remotePaymentId() : id + "-pay-" + paymentSerial.incrementAndGet();
            remotePayments.put(remoteId, push.payment().amount());
            outcomes.add(PushOutcome.synced(push.document(), remoteId, null));
        }
        crashIfAsked();
        return outcomes;
    }

    /** Thrown in place of everything that would follow a push when the engine's JVM is killed right after it. */
    public static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated kill -9 right after the accounting system applied the write");
        }
    }

    private void crashIfAsked() {
        if (crashAfterNextPush) {
            crashAfterNextPush = false;
            throw new SimulatedCrash();
        }
    }

    /** What the "accounting system" says about its invoices, by remote id. */
    public final Map<String, RemoteInvoiceState> remoteInvoices = new java.util.concurrent.ConcurrentHashMap<>();
    /** The {@code since} of every changesSince call. */
    public final List<Instant> polledSince = new CopyOnWriteArrayList<>();
    /** The company of every changesSince call. */
    public final List<CompanyId> polledCompanies = new CopyOnWriteArrayList<>();

    @Override
    public RemoteInvoiceState invoiceState(ProviderSession session, String remoteInvoiceId) {
        singleStateReads.incrementAndGet();
        if (stateReadsFail != null) {
            throw stateReadsFail;
        }
        refuseUnreadable(List.of(remoteInvoiceId));
        RemoteInvoiceState state = remoteInvoices.get(remoteInvoiceId);
        if (state == null) {
            throw new IllegalStateException("no such invoice: " + remoteInvoiceId);
        }
        return state;
    }

    /** The invoice ids of every batch read. */
    /** Which invoices a payment or credit-note event concerns, by the event's resource id; what {@link #invoicesAffectedBy} answers. */
    public final Map<String, List<String>> invoicesOfSettlements = new java.util.concurrent.ConcurrentHashMap<>();
    public final List<List<io.fieldsync.accounting.api.spi.RemoteEvent>> settlementReads = new CopyOnWriteArrayList<>();

    @Override
    public List<String> invoicesAffectedBy(ProviderSession session, List<io.fieldsync.accounting.api.spi.RemoteEvent> events) {
        settlementReads.add(List.copyOf(events));
        return events.stream().flatMap(event -> invoicesOfSettlements.getOrDefault(event.resourceId(), List.of()).stream()).distinct().toList();
    }

    public final List<List<String>> stateReads = new CopyOnWriteArrayList<>();
    /**
     * Ids the "accounting system" refuses to read (as Xero answers 400 to a malformed id in {@code IDs=}): a batch read
     * naming one fails as a whole, a read of that id alone fails.
     */
    public final Set<String> unreadableIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Thrown by every invoice-state read, if set: the service is down for everything. */
    public volatile RuntimeException stateReadsFail;
    /** How many invoices were read one at a time. */
    public final AtomicInteger singleStateReads = new AtomicInteger();

    @Override
    public List<RemoteInvoiceState> invoiceStates(ProviderSession session, List<String> remoteInvoiceIds) {
        stateReads.add(List.copyOf(remoteInvoiceIds));
        if (stateReadsFail != null) {
            throw stateReadsFail;
        }
        refuseUnreadable(remoteInvoiceIds);
        return remoteInvoiceIds.stream().filter(remoteInvoices::containsKey).map(remoteInvoices::get).toList();
    }

    @Override
    public List<io.fieldsync.accounting.api.spi.RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        refuseUnreadable(remoteIds);
        return ProviderLedger.super.contactsById(session, remoteIds);
    }

    private void refuseUnreadable(List<String> ids) {
        ids.stream().filter(unreadableIds::contains).findFirst().ifPresent(id -> {
            throw new AccountingException(SyncError.of(ErrorCode.VALIDATION_FAILED, "the request /Things").withDetail("400 bad id " + id));
        });
    }

    @Override
    public RemoteChanges changesSince(ProviderSession session, Instant since) {
        polledSince.add(since);
        polledCompanies.add(session.company());
        return new RemoteChanges(List.copyOf(remoteInvoices.values()), Instant.parse("2026-11-23T10:00:00Z"));
    }

    /** Signed when the header {@value #SIGNATURE_HEADER} says {@code good}. */
    @Override
    public boolean verify(WebhookDelivery delivery) {
        return delivery.header(SIGNATURE_HEADER).filter("good"::equals).isPresent();
    }

    /** Thrown by parse, if set: a provider that breaks on a delivery. */
    public volatile RuntimeException parseBreaks;

    @Override
    public java.util.Optional<String> signatureHeader() {
        return java.util.Optional.of(SIGNATURE_HEADER);
    }

    /**
     * One event per line, {@code tenant,resourceType,resourceId,eventType}; a line that is not one is left out, as the
     * SPI asks; an empty body is malformed as a whole.
     */
    @Override
    public List<RemoteEvent> parse(WebhookDelivery delivery) {
        if (parseBreaks != null) {
            throw parseBreaks;
        }
        String text = new String(delivery.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new AccountingException(new SyncError(ErrorCode.VALIDATION_FAILED, "an empty delivery", null));
        }
        List<RemoteEvent> events = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] parts = line.split(",");
            if (parts.length == 4) {
                events.add(new RemoteEvent(parts[0], resourceType(parts[1]), parts[2], eventType(parts[3]), Instant.parse("2026-11-23T10:00:00Z"),
                        parts[1], parts[3]));
            }
        }
        return events;
    }

    /** Xero's and Intuit's words alike, as their providers type them; anything else is OTHER. */
    private static RemoteResourceType resourceType(String word) {
        return switch (word.toUpperCase(java.util.Locale.ROOT)) {
            case "INVOICE" -> RemoteResourceType.INVOICE;
            case "CONTACT", "CUSTOMER" -> RemoteResourceType.CONTACT;
            case "CREDITNOTE", "CREDITMEMO" -> RemoteResourceType.CREDIT_NOTE;
            case "PAYMENT" -> RemoteResourceType.PAYMENT;
            default -> RemoteResourceType.OTHER;
        };
    }

    private static RemoteEventType eventType(String word) {
        try {
            return RemoteEventType.valueOf(word.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return RemoteEventType.OTHER;
        }
    }

    public static final String SIGNATURE_HEADER = "x-test-signature";

    public String remoteId(String what, InvoicePush push) {
        return push.remoteInvoiceId() != null ? push.remoteInvoiceId() : id + "-" + what + "-" + push.invoice().hostId();
    }

    private TokenSet tokens() {
        int serial = tokenSerial.incrementAndGet();
        Instant refreshExpiry = refreshTokenLife == null ? null : clock.instant().plus(refreshTokenLife);
        if (refreshExpiry != null && refreshHardLimit != null && refreshHardLimit.isBefore(refreshExpiry)) {
            refreshExpiry = refreshHardLimit;
        }
        return new TokenSet("access-" + serial, "refresh-" + serial, clock.instant().plusSeconds(1800), refreshExpiry);
    }

    /** What {@link #configurationProblems()} answers: none unless a test breaks the provider's configuration. */
    public volatile List<io.fieldsync.accounting.api.SyncError> problems = List.of();

    @Override
    public List<io.fieldsync.accounting.api.SyncError> configurationProblems() {
        return problems;
    }

    /** What {@link #nonVendorEndpoints()} answers: none unless a test points the provider elsewhere. */
    public volatile List<String> nonVendor = List.of();

    @Override
    public List<String> nonVendorEndpoints() {
        return nonVendor;
    }
}
