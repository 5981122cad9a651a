package io.fieldsync.accounting.engine.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.connections.LaneCall;
import io.fieldsync.accounting.engine.connections.LaneWait;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.store.PaymentStates;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment states coming back from the accounting system: webhook events (thin: the invoice is read
 * for its state) and a polling backstop for whatever a webhook missed; and, for companies with
 * two-way name sync, customer names changed there. Everything runs on this component's own thread,
 * so a webhook is answered at once and never waits for the accounting system.
 *
 * <p>A webhook's follow-up read spends the company's lane budget like any document call. When that budget is spent,
 * or the accounting system refuses the read with a 429, the read is held here until the lane may call again and then
 * made, instead of being left to the next poll (fifteen minutes later): the vendors' windows are a minute (Xero's 60
 * calls, QuickBooks' 500 requests), so the host hears of the payment within about a minute. Held reads live in memory
 * only: the webhook was answered already and the vendor will not send it again, but polling still catches whatever a
 * restart loses, so a durable queue would add a table for a gap polling already covers.
 */
@Component(service = RemoteUpdates.class, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class RemoteUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpdates.class);
    /** How far back the first poll of a connection looks. */
    private static final Duration FIRST_POLL_LOOKBACK = Duration.ofDays(1);
    /**
     * Events about what pays or credits an invoice rather than about the invoice: QuickBooks announces a payment
     * entered there as a Payment event only; the provider tells which invoices they concern.
     */
    private static final Set<RemoteResourceType> SETTLEMENT_TYPES = EnumSet.of(RemoteResourceType.PAYMENT, RemoteResourceType.CREDIT_NOTE);
    /** How long webhook events are gathered before their invoices are read. */
    private static final Duration COALESCE = Duration.ofSeconds(1);
    /** The shortest a read is held for a lane's limit. */
    private static final Duration HOLD_AT_LEAST = Duration.ofMillis(100);

    private final ConnectionStore connections;
    private final PaymentStates paymentStates;
    private final SetupStore setup;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final HostNotifier notifier;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "accounting-inbound");
        thread.setDaemon(true);
        return thread;
    });
    private final CustomerNames names;
    private ScheduledFuture<?> polling;
    /** How often a company without its own polling interval is polled, in minutes; 0: never. */
    private volatile int nodeIntervalMinutes;
    /** When each lane was last polled on this node; a lane not polled yet counts from when this component started. */
    private final Map<LaneId, Instant> lastPolled = new java.util.concurrent.ConcurrentHashMap<>();
    private final Instant started;
    private final Map<Tenant, Set<String>> pending = new LinkedHashMap<>();
    private final Map<Tenant, Set<String>> pendingContacts = new LinkedHashMap<>();
    private final Map<Tenant, List<RemoteEvent>> pendingSettlements = new LinkedHashMap<>();
    private boolean flushScheduled;
    /** Reads held back for a lane's limit, per organisation; guarded by {@link #pending}. */
    private final Map<Tenant, HeldReads> held = new LinkedHashMap<>();
    /** When the flush that makes the held reads is due; guarded by {@link #pending}. */
    private Instant heldWakeAt;

    /** Invoice reads (and the settlement events that name more invoices) that wait for the lane until {@code notBefore}. */
    private record HeldReads(Instant notBefore, Set<String> invoiceIds, List<RemoteEvent> settlements) {
    }

    @Activate
    public RemoteUpdates(@Reference ConnectionStore connections, @Reference PaymentStates paymentStates, @Reference SetupStore setup,
                         @Reference CustomerLinks customerLinks, @Reference EngineClock clock, @Reference ProviderDirectory directory,
                         @Reference Dispatcher dispatcher, @Reference HostNotifier notifier, EngineConfiguration configuration) {
        this.connections = connections;
        this.paymentStates = paymentStates;
        this.clock = clock.clock();
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
        this.names = new CustomerNames(connections, setup, customerLinks, directory, dispatcher, notifier);
        this.setup = setup;
        this.started = this.clock.instant();
        schedule(configuration);
    }

    @Modified
    void modified(EngineConfiguration configuration) {
        schedule(configuration);
    }

    @Deactivate
    public void deactivate() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Takes a verified webhook's events. Invoice updates are gathered for a moment and read in one
     * call per organisation: forty payments entered in a row are one read, not forty, and Xero's 60
     * calls a minute go to documents instead. Invoice CREATE events are skipped: an invoice this
     * integration has just created owes its whole amount, and one created elsewhere is not ours.
     * Payment and credit-note events are gathered with them and turned into the invoices they concern by the
     * provider. Contact (customer) updates are gathered the same way, for two-way name sync.
     */
    public void accept(String providerId, List<RemoteEvent> events) {
        boolean added = false;
        synchronized (pending) {
            for (RemoteEvent event : events) {
                RemoteResourceType type = event.resourceType();
                if (type == RemoteResourceType.INVOICE && event.eventType() != RemoteEventType.CREATE) {
                    added |= pending.computeIfAbsent(new Tenant(providerId, event.tenantId()), tenant -> new LinkedHashSet<>())
                            .add(event.resourceId());
                } else if (SETTLEMENT_TYPES.contains(type)) {
                    pendingSettlements.computeIfAbsent(new Tenant(providerId, event.tenantId()), tenant -> new ArrayList<>()).add(event);
                    added = true;
                } else if (type == RemoteResourceType.CONTACT && event.eventType() == RemoteEventType.UPDATE) {
                    added |= pendingContacts.computeIfAbsent(new Tenant(providerId, event.tenantId()), tenant -> new LinkedHashSet<>())
                            .add(event.resourceId());
                }
            }
            if (!added || flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        try {
            executor.schedule(this::flushSafely, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warn("Accounting is stopping; webhook events from {} are left to polling", providerId);
        }
    }

    /** Polls every connection of every installed provider once, now, and waits; for the shell and tests. */
    public int pollNow() {
        try {
            return executor.submit(this::poll).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("polling failed", e.getCause());
        }
    }

    /** Handles the events accepted so far now, without waiting out the gathering moment, and returns when done. */
    public void settle() {
        try {
            executor.submit(this::flushSafely).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** An organisation of one provider, as webhooks name it. */
    record Tenant(String provider, String tenantId) {
    }

    /**
     * Handles the events gathered so far. Each organisation, each company and each invoice is handled on its own:
     * one that fails (a connection that cannot be used, an invoice the accounting system will not read, a state that
     * cannot be recorded) is logged and left to polling, and the others go on.
     */
    private void flushSafely() {
        Map<Tenant, Set<String>> batch;
        Map<Tenant, Set<String>> contacts;
        Map<Tenant, List<RemoteEvent>> settlements;
        synchronized (pending) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            settlements = new LinkedHashMap<>(pendingSettlements);
            pendingSettlements.clear();
            settlements.keySet().forEach(tenant -> batch.putIfAbsent(tenant, Set.of()));
            contacts = new LinkedHashMap<>(pendingContacts);
            pendingContacts.clear();
            flushScheduled = false;
            takeDueHeldReads(batch, settlements);
        }
        contacts.forEach((tenant, remoteIds) -> {
            try {
                names.contactsChanged(tenant, remoteIds);
            } catch (RuntimeException e) {
                LOG.warn("Could not handle {} contact events of {} organisation {}: {}", remoteIds.size(), tenant.provider(),
                        tenant.tenantId(), e.toString());
            }
        });
        batch.forEach((tenant, invoiceIds) -> {
            try {
                invoicesChanged(tenant, List.copyOf(invoiceIds), settlements.getOrDefault(tenant, List.of()));
            } catch (RuntimeException e) {
                LOG.warn("Could not handle {} invoice events of {} organisation {}; polling will catch them: {}", invoiceIds.size(),
                        tenant.provider(), tenant.tenantId(), e.toString());
            }
        });
        wakeForHeldReads();
    }

    /** Moves the held reads whose lane may call now into this flush, before the events that came since (same order). */
    private void takeDueHeldReads(Map<Tenant, Set<String>> batch, Map<Tenant, List<RemoteEvent>> settlements) {
        Instant now = clock.instant();
        var due = held.entrySet().iterator();
        while (due.hasNext()) {
            var entry = due.next();
            if (entry.getValue().notBefore().isAfter(now)) {
                continue;
            }
            due.remove();
            Set<String> ids = new LinkedHashSet<>(entry.getValue().invoiceIds());
            ids.addAll(batch.getOrDefault(entry.getKey(), Set.of()));
            batch.put(entry.getKey(), ids);
            List<RemoteEvent> events = new ArrayList<>(entry.getValue().settlements());
            events.addAll(settlements.getOrDefault(entry.getKey(), List.of()));
            settlements.put(entry.getKey(), events);
        }
    }

    /** Holds reads of the organisation until its lane may call at {@code notBefore}, with any held already. */
    private void hold(Tenant tenant, Instant notBefore, List<String> invoiceIds, List<RemoteEvent> settlements) {
        // a wait that ends now (a window reset the provider reported to the millisecond) must not spin the flush thread
        Instant soonest = clock.instant().plus(HOLD_AT_LEAST);
        if (notBefore.isBefore(soonest)) {
            notBefore = soonest;
        }
        synchronized (pending) {
            HeldReads before = held.get(tenant);
            Set<String> ids = new LinkedHashSet<>(before == null ? Set.of() : before.invoiceIds());
            ids.addAll(invoiceIds);
            List<RemoteEvent> events = new ArrayList<>(before == null ? List.of() : before.settlements());
            events.addAll(settlements);
            Instant until = before == null || notBefore.isAfter(before.notBefore()) ? notBefore : before.notBefore();
            held.put(tenant, new HeldReads(until, ids, List.copyOf(events)));
        }
    }

    /** Schedules a flush for the earliest held read, unless one is due by then already. */
    private void wakeForHeldReads() {
        Instant earliest;
        synchronized (pending) {
            earliest = held.values().stream().map(HeldReads::notBefore).min(Instant::compareTo).orElse(null);
            if (earliest == null || (heldWakeAt != null && !heldWakeAt.isAfter(earliest) && heldWakeAt.isAfter(clock.instant()))) {
                return;
            }
            heldWakeAt = earliest;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), earliest).toMillis());
        try {
            executor.schedule(this::flushSafely, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warn("Accounting is stopping; {} webhook reads held for a rate limit are left to polling", held.size());
        }
    }

    /** How many organisations have webhook reads held for a lane's limit (for status displays and tests). */
    public int heldReads() {
        synchronized (pending) {
            return held.size();
        }
    }

    private void invoicesChanged(Tenant tenant, List<String> announced, List<RemoteEvent> settlements) {
        Optional<ActiveProvider> provider = directory.provider(tenant.provider());
        if (provider.isEmpty()) {
            return;
        }
        for (CompanyId company : connections.companiesOfTenant(tenant.provider(), tenant.tenantId())) {
            Optional<ProviderSession> session = usableSession(company, provider.get());
            if (session.isEmpty()) {
                continue;
            }
            try (LaneCall entered = dispatcher.enterLane(company, tenant.provider())) {
                if (entered.held().isPresent()) {
                    LaneWait wait = entered.held().get();
                    LOG.debug("Webhook reads of company {} wait for its {} lane: {}", company, tenant.provider(), wait.note());
                    hold(tenant, wait.until(), announced, settlements);
                    continue;
                }
                readAndApply(tenant, provider.get(), session.get(), company, announced, settlements);
            }
        }
    }

    /** The webhook's follow-up reads for one company, inside its lane, and what they found passed on. */
    private void readAndApply(Tenant tenant, ActiveProvider provider, ProviderSession session, CompanyId company,
                              List<String> announced, List<RemoteEvent> settlements) {
        List<String> invoiceIds;
        try {
            invoiceIds = withSettled(provider, session, company, announced, settlements);
        } catch (RateLimitedException limited) {
            heldForLimit(tenant, company, limited, announced, settlements);
            return;
        }
        if (invoiceIds.isEmpty()) {
            return;
        }
        List<RemoteInvoiceState> read = new ArrayList<>();
        try {
            states(provider, session, company, invoiceIds, read);
        } catch (RateLimitedException limited) {
            List<String> unread = new ArrayList<>(invoiceIds);
            read.forEach(state -> unread.remove(state.remoteId()));
            heldForLimit(tenant, company, limited, unread, List.of());
        }
        for (RemoteInvoiceState state : read) {
            try {
                apply(company, tenant.provider(), state);
            } catch (RuntimeException e) {
                LOG.warn("Could not record the payment state of {} invoice {} for company {}: {}", tenant.provider(),
                        state.remoteId(), company, e.toString());
            }
        }
    }

    /** The read was refused for a limit: the lane pauses for everyone, and the read waits for it here. */
    private void heldForLimit(Tenant tenant, CompanyId company, RateLimitedException limited, List<String> invoiceIds,
                              List<RemoteEvent> settlements) {
        dispatcher.laneRefused(company, tenant.provider(), limited);
        Instant until = clock.instant().plus(limited.retryAfter());
        LOG.info("{} refused webhook reads of company {} for its {} limit; {} invoices are read at {}", tenant.provider(), company,
                limited.limit().words(), invoiceIds.size() + settlements.size(), until);
        hold(tenant, until, invoiceIds, settlements);
    }

    /**
     * The announced invoices and those the payment and credit-note events concern; a failure to tell is left to polling,
     * except a refusal for a limit, which the caller holds until the lane may call again.
     */
    private List<String> withSettled(ActiveProvider provider, ProviderSession session, CompanyId company, List<String> announced,
                                     List<RemoteEvent> settlements) {
        if (settlements.isEmpty()) {
            return announced;
        }
        Set<String> ids = new LinkedHashSet<>(announced);
        try {
            ids.addAll(provider.provider().webhooks().invoicesAffectedBy(session, settlements));
        } catch (RateLimitedException limited) {
            throw limited;
        } catch (RuntimeException e) {
            LOG.warn("Could not tell which invoices {} payment or credit events of company {} concern; polling will catch them: {}",
                    settlements.size(), company, e.toString());
        }
        return List.copyOf(ids);
    }

    /**
     * The invoices' states in one read; when that read fails because of one of them (an id the accounting system
     * refuses), they are read one by one so that the others still arrive. A failure of the whole service or
     * connection is not repeated per invoice: polling catches up. A refusal for a limit ends the reads with those read
     * so far in {@code states}, for the caller to hold the rest.
     */
    private void states(ActiveProvider provider, ProviderSession session, CompanyId company, List<String> invoiceIds,
                        List<RemoteInvoiceState> states) {
        try {
            states.addAll(provider.provider().ledger().invoiceStates(session, invoiceIds));
            return;
        } catch (RateLimitedException limited) {
            throw limited;
        } catch (RuntimeException failed) {
            if (invoiceIds.size() == 1 || failsEveryRead(failed)) {
                LOG.warn("Could not read {} invoices of company {} after {} webhooks; polling will catch them: {}", invoiceIds.size(),
                        company, provider.id(), failed.toString());
                return;
            }
            LOG.info("Reading {} invoices of company {} from {} at once failed ({}); reading them one by one", invoiceIds.size(), company,
                    provider.id(), failed.toString());
        }
        for (String invoiceId : invoiceIds) {
            try {
                states.add(provider.provider().ledger().invoiceState(session, invoiceId));
            } catch (RateLimitedException limited) {
                throw limited;
            } catch (RuntimeException failed) {
                LOG.warn("Left out {} invoice {} of company {}, announced by webhook: {}", provider.id(), invoiceId, company, failed.toString());
                if (failsEveryRead(failed)) {
                    break;
                }
            }
        }
    }

    /** A failure of the service or of the connection, not of one resource: reading resources one by one would not help. */
    static boolean failsEveryRead(RuntimeException failure) {
        return failure instanceof AccountingException refused && switch (refused.code()) {
            case RATE_LIMITED, PROVIDER_UNAVAILABLE, CONNECTION_EXPIRED, NOT_CONNECTED -> true;
            default -> false;
        };
    }

    /** A session for the company, or empty when its connection cannot be used now (expired, unreadable tokens). */
    Optional<ProviderSession> usableSession(CompanyId company, ActiveProvider provider) {
        try {
            return Optional.of(dispatcher.session(company, provider));
        } catch (AccountingException unusable) {
            LOG.debug("Company {} cannot use {} now: {}", company, provider.id(), unusable.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Polls the connected companies whose polling interval has passed since their last poll: their own interval from
     * their settings, else the node's; and answers how many invoices changed.
     */
    public int pollDue() {
        try {
            return executor.submit(this::pollDueHere).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("polling failed", e.getCause());
        }
    }

    private int pollDueHere() {
        return pollCompanies(true);
    }

    /** Every installed provider that can be polled, for its connected companies: invoices stay where they synced. */
    private int poll() {
        return pollCompanies(false);
    }

    private int pollCompanies(boolean onlyDue) {
        int changed = 0;
        for (io.fieldsync.accounting.api.spi.ProviderDescriptor descriptor : directory.installed()) {
            Optional<ActiveProvider> installed = directory.provider(descriptor.id());
            if (installed.isPresent() && installed.get().descriptor().supports(ProviderCapability.CHANGE_POLLING)) {
                changed += pollProvider(installed.get(), onlyDue);
            }
        }
        return changed;
    }

    /** Whether a company's polling interval (its settings', else the node's) has passed since its last poll here. */
    private boolean isDue(CompanyId company, String provider) {
        Integer own = setup.settings(company).pollingIntervalMinutes();
        int minutes = own != null ? own : nodeIntervalMinutes;
        Instant last = lastPolled.getOrDefault(new LaneId(company, provider), started);
        return minutes > 0 && !clock.instant().isBefore(last.plus(Duration.ofMinutes(minutes)));
    }

    private int pollProvider(ActiveProvider provider, boolean onlyDue) {
        int changed = 0;
        for (CompanyId company : connections.connectedCompanies(provider.id())) {
            if (onlyDue && !isDue(company, provider.id())) {
                continue;
            }
            lastPolled.put(new LaneId(company, provider.id()), clock.instant());
            Optional<ProviderSession> session = usableSession(company, provider);
            if (session.isEmpty()) {
                continue;
            }
            try (LaneCall entered = dispatcher.enterLane(company, provider.id())) {
                if (entered.held().isPresent()) {
                    // the company's documents or the admin hold its lane's budget now; the next poll reads from the same watermark
                    LOG.debug("Polling {} for company {} waits for its lane: {}", provider.id(), company, entered.held().get().note());
                    continue;
                }
                Instant since = connections.pollWatermark(company, provider.id())
                        .orElse(clock.instant().minus(FIRST_POLL_LOOKBACK));
                RemoteChanges changes = provider.provider().ledger().changesSince(session.get(), since);
                for (RemoteInvoiceState invoice : changes.invoices()) {
                    changed += apply(company, provider.id(), invoice) ? 1 : 0;
                }
                connections.setPollWatermark(company, provider.id(), changes.watermark());
            } catch (RuntimeException e) {
                LOG.warn("Polling {} for company {} failed; the next poll retries: {}", provider.id(), company, e.toString());
            }
        }
        return changed;
    }

    private boolean apply(CompanyId company, String provider, RemoteInvoiceState invoice) {
        Optional<JournalEntry> updated = paymentStates.record(company, provider, invoice.remoteId(), invoice.payment());
        updated.ifPresent(entry -> {
            notifier.paymentStateChanged(entry.document(), invoice.payment());
            notifier.documentChanged(entry.toStatus());
        });
        return updated.isPresent();
    }

    private synchronized void schedule(EngineConfiguration configuration) {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
        nodeIntervalMinutes = configuration.poll_interval_min();
        // a company may poll more often than the node's default, or poll when the node's default is off: every
        // minute the tick polls the companies whose interval has passed (most ticks poll none)
        polling = executor.scheduleWithFixedDelay(() -> {
            try {
                pollCompanies(true);
            } catch (RuntimeException e) {
                LOG.warn("Payment polling failed", e);
            }
        }, 1, 1, TimeUnit.MINUTES);
    }
}
