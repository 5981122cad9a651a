package io.fieldsync.accounting.engine.inbound;

import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.TimeUnit;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimitedException;
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
 * calls, QuickBooks' 500 requests), so the host hears of the payment within about a minute.
 *
 * <p>This class gathers the webhook events and reads them; the reads held for a limit are {@link HeldReads}, the
 * backstop is {@link PaymentStatePolling}, and both run on this component's one thread (the maps of all three are
 * touched only there or under the lock of {@link #pending}).
 */
@Component(service = RemoteUpdates.class, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class RemoteUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpdates.class);
    /**
     * Events about what pays or credits an invoice rather than about the invoice: QuickBooks announces a payment
     * entered there as a Payment event only; the provider tells which invoices they concern.
     */
    private static final Set<RemoteResourceType> SETTLEMENT_TYPES = EnumSet.of(RemoteResourceType.PAYMENT, RemoteResourceType.CREDIT_NOTE);
    /** How long webhook events are gathered before their invoices are read. */
    private static final Duration COALESCE = Duration.ofSeconds(1);

    private final ConnectionStore connections;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "accounting-inbound");
        thread.setDaemon(true);
        return thread;
    });
    private final CustomerNames names;
    private final IncomingPaymentStates incoming;
    private final PaymentStatePolling polling;
    private final Map<Tenant, Set<String>> pending = new LinkedHashMap<>();
    private final Map<Tenant, Set<String>> pendingContacts = new LinkedHashMap<>();
    private final Map<Tenant, List<RemoteEvent>> pendingSettlements = new LinkedHashMap<>();
    private boolean flushScheduled;
    /** Reads held back for a lane's limit; guarded by {@link #pending}, like the events gathered for the next flush. */
    private final HeldReads held;

    @Activate
    public RemoteUpdates(@Reference ConnectionStore connections, @Reference PaymentStates paymentStates, @Reference SetupStore setup,
                         @Reference CustomerLinks customerLinks, @Reference EngineClock clock, @Reference ProviderDirectory directory,
                         @Reference Dispatcher dispatcher, @Reference HostNotifier notifier, EngineConfiguration configuration) {
        Clock time = clock.clock();
        this.connections = connections;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.names = new CustomerNames(connections, setup, customerLinks, directory, dispatcher, notifier);
        this.incoming = new IncomingPaymentStates(paymentStates, dispatcher, notifier);
        this.held = new HeldReads(pending, time, executor, this::flushSafely, dispatcher);
        this.polling = new PaymentStatePolling(connections, setup, directory, dispatcher, incoming, time, executor);
        polling.schedule(configuration);
    }

    @Modified
    void modified(EngineConfiguration configuration) {
        polling.schedule(configuration);
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
        return polling.pollNow();
    }

    /**
     * Polls the connected companies whose polling interval has passed since their last poll: their own interval from
     * their settings, else the node's; and answers how many invoices changed.
     */
    public int pollDue() {
        return polling.pollDue();
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
            held.takeDue(batch, settlements);
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
        held.wake();
    }

    /** How many organisations have webhook reads held for a lane's limit (for status displays and tests). */
    public int heldReads() {
        return held.organisations();
    }

    private void invoicesChanged(Tenant tenant, List<String> announced, List<RemoteEvent> settlements) {
        Optional<ActiveProvider> provider = directory.provider(tenant.provider());
        if (provider.isEmpty()) {
            return;
        }
        for (CompanyId company : connections.companiesOfTenant(tenant.provider(), tenant.tenantId())) {
            Optional<ProviderSession> session = incoming.usableSession(company, provider.get());
            if (session.isEmpty()) {
                continue;
            }
            try (LaneCall entered = dispatcher.enterLane(company, tenant.provider())) {
                if (entered.held().isPresent()) {
                    LaneWait wait = entered.held().get();
                    LOG.debug("Webhook reads of company {} wait for its {} lane: {}", company, tenant.provider(), wait.note());
                    held.hold(tenant, wait.until(), announced, settlements);
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
            held.heldForLimit(tenant, company, limited, announced, settlements);
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
            held.heldForLimit(tenant, company, limited, unread, List.of());
        }
        for (RemoteInvoiceState state : read) {
            try {
                incoming.apply(company, tenant.provider(), state);
            } catch (RuntimeException e) {
                LOG.warn("Could not record the payment state of {} invoice {} for company {}: {}", tenant.provider(),
                        state.remoteId(), company, e.toString());
            }
        }
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
}
