package io.fieldsync.accounting.engine.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.JournalEntry;
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
 */
@Component(service = RemoteUpdates.class, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class RemoteUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpdates.class);
    /** How far back the first poll of a connection looks. */
    private static final Duration FIRST_POLL_LOOKBACK = Duration.ofDays(1);
    /** What Xero (CONTACT) and QuickBooks (CUSTOMER) call a customer in their events. */
    private static final Set<String> CONTACT_TYPES = Set.of("CONTACT", "CUSTOMER");
    /** How long webhook events are gathered before their invoices are read. */
    private static final Duration COALESCE = Duration.ofSeconds(1);

    private final EngineStores stores;
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
    private final Map<Tenant, Set<String>> pending = new LinkedHashMap<>();
    private final Map<Tenant, Set<String>> pendingContacts = new LinkedHashMap<>();
    private boolean flushScheduled;

    @Activate
    public RemoteUpdates(@Reference EngineStores stores, @Reference ProviderDirectory directory, @Reference Dispatcher dispatcher,
                         @Reference HostNotifier notifier, EngineConfiguration configuration) {
        this.stores = stores;
        this.clock = stores.clock();
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
        this.names = new CustomerNames(stores, directory, dispatcher, notifier);
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
     * Contact (customer) updates are gathered the same way, for two-way name sync.
     */
    public void accept(String providerId, List<RemoteEvent> events) {
        boolean added = false;
        synchronized (pending) {
            for (RemoteEvent event : events) {
                String type = event.resourceType().toUpperCase(Locale.ROOT);
                boolean update = "UPDATE".equals(event.eventType().toUpperCase(Locale.ROOT));
                if ("INVOICE".equals(type) && !"CREATE".equals(event.eventType().toUpperCase(Locale.ROOT))) {
                    added |= pending.computeIfAbsent(new Tenant(providerId, event.tenantId()), tenant -> new LinkedHashSet<>())
                            .add(event.resourceId());
                } else if (CONTACT_TYPES.contains(type) && update) {
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

    /** Polls every connection of the active provider once, now, and waits; for the shell and tests. */
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

    private void flushSafely() {
        Map<Tenant, Set<String>> batch;
        Map<Tenant, Set<String>> contacts;
        synchronized (pending) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            contacts = new LinkedHashMap<>(pendingContacts);
            pendingContacts.clear();
            flushScheduled = false;
        }
        contacts.forEach(names::contactsChanged);
        batch.forEach((tenant, invoiceIds) -> {
            Optional<ActiveProvider> provider = directory.provider(tenant.provider());
            if (provider.isEmpty()) {
                return;
            }
            for (CompanyId company : stores.connections().companiesOfTenant(tenant.provider(), tenant.tenantId())) {
                try {
                    ProviderSession session = dispatcher.session(company, provider.get());
                    provider.get().provider().invoiceStates(session, List.copyOf(invoiceIds))
                            .forEach(state -> apply(company, tenant.provider(), state));
                } catch (RuntimeException e) {
                    LOG.warn("Could not read {} invoices of company {} after {} webhooks; polling will catch them: {}",
                            invoiceIds.size(), company, tenant.provider(), e.toString());
                }
            }
        });
    }

    private int poll() {
        Optional<ActiveProvider> active = directory.active();
        if (active.isEmpty() || !active.get().descriptor().supports(ProviderCapability.CHANGE_POLLING)) {
            return 0;
        }
        ActiveProvider provider = active.get();
        int changed = 0;
        for (CompanyId company : stores.connections().connectedCompanies(provider.id())) {
            try {
                Instant since = stores.connections().pollWatermark(company, provider.id())
                        .orElse(clock.instant().minus(FIRST_POLL_LOOKBACK));
                RemoteChanges changes = provider.provider().changesSince(dispatcher.session(company, provider), since);
                for (RemoteInvoiceState invoice : changes.invoices()) {
                    changed += apply(company, provider.id(), invoice) ? 1 : 0;
                }
                stores.connections().setPollWatermark(company, provider.id(), changes.watermark());
            } catch (RuntimeException e) {
                LOG.warn("Polling {} for company {} failed; the next poll retries: {}", provider.id(), company, e.toString());
            }
        }
        return changed;
    }

    private boolean apply(CompanyId company, String provider, RemoteInvoiceState invoice) {
        Optional<JournalEntry> updated = stores.paymentStates().record(company, provider, invoice.remoteId(), invoice.payment());
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
        int minutes = configuration.poll_interval_min();
        if (minutes > 0) {
            polling = executor.scheduleWithFixedDelay(() -> {
                try {
                    poll();
                } catch (RuntimeException e) {
                    LOG.warn("Payment polling failed", e);
                }
            }, minutes, minutes, TimeUnit.MINUTES);
        }
    }
}
