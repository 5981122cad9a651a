package io.fieldsync.accounting.engine.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.connections.LaneCall;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.sync.Dispatcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling backstop for whatever a webhook missed: every minute the connected companies whose polling interval
 * (their settings', else the node's) has passed are asked for the invoices changed since their watermark. It runs on
 * {@link RemoteUpdates}' one thread, the executor handed in, like the webhook reads.
 */
final class PaymentStatePolling {

    /** The component's logger: the lines an operator filters on stay under the name they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpdates.class);
    /** How far back the first poll of a connection looks. */
    private static final Duration FIRST_POLL_LOOKBACK = Duration.ofDays(1);

    private final ConnectionStore connections;
    private final SetupStore setup;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final IncomingPaymentStates states;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> polling;
    /** How often a company without its own polling interval is polled, in minutes; 0: never. */
    private volatile int nodeIntervalMinutes;
    /** When each lane was last polled on this node; a lane not polled yet counts from when this component started. */
    private final Map<LaneId, Instant> lastPolled = new java.util.concurrent.ConcurrentHashMap<>();
    private final Instant started;

    PaymentStatePolling(ConnectionStore connections, SetupStore setup, ProviderDirectory directory, Dispatcher dispatcher,
                        IncomingPaymentStates states, Clock clock, ScheduledExecutorService executor) {
        this.connections = connections;
        this.setup = setup;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.states = states;
        this.clock = clock;
        this.executor = executor;
        this.started = clock.instant();
    }

    /** Polls every connection of every installed provider once, now, and waits. */
    int pollNow() {
        try {
            return executor.submit(this::poll).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("polling failed", e.getCause());
        }
    }

    /**
     * Polls the connected companies whose polling interval has passed since their last poll: their own interval from
     * their settings, else the node's; and answers how many invoices changed.
     */
    int pollDue() {
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
            Optional<ProviderSession> session = states.usableSession(company, provider);
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
                    changed += states.apply(company, provider.id(), invoice) ? 1 : 0;
                }
                connections.setPollWatermark(company, provider.id(), changes.watermark());
            } catch (RuntimeException e) {
                LOG.warn("Polling {} for company {} failed; the next poll retries: {}", provider.id(), company, e.toString());
            }
        }
        return changed;
    }

    /** Takes the node's polling interval and (re)starts the one-minute tick. */
    synchronized void schedule(EngineConfiguration configuration) {
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
