package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.connections.ConnectionKeepAlive;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.connections.LaneWait;
import io.fieldsync.accounting.engine.connections.LaneCall;
import io.fieldsync.accounting.engine.connections.LaneUsage;
import io.fieldsync.accounting.engine.connections.Lanes;
import io.fieldsync.accounting.engine.connections.TokenRefresher;
import io.fieldsync.accounting.engine.operations.ConnectionAlerts;
import io.fieldsync.accounting.engine.operations.TokenRefreshes;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.EngineIdentity;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.store.StoredConnection;
import io.fieldsync.accounting.engine.store.SyncLogStore;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the lanes (company × provider, see {@link ProviderDirectory#lanesWithDueWork}; with several nodes on one
 * journal, those this node has claimed, see {@link LaneClaims}): on a fixed interval, and at once when something wakes it (a document accepted, a provider
 * arriving, a connection made), it finds the lanes (company × provider) with due work and hands each that is free and
 * within its limits one turn on the lane workers. A turn is one {@link DispatchRound}: at most one batch of each
 * document kind, then the lane goes to the back of the queue, so a company with a backlog of thousands delays another
 * company's invoice by one batch at most. A lane runs one turn at a time (exactly once and invoice-before-payment rely on
 * it); a lane blocked in a call holds one worker only, and the others keep serving the other companies.
 * While no provider is active or installed, documents wait as PENDING with the reason on them.
 */
@Component(service = Dispatcher.class, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration WAIT_FOR_PROVIDER = Duration.ofMinutes(10);
    /**
     * This node's attempt (or one of a journal older than node ids) still recorded as being sent after this long was
     * abandoned (its pass broke between the call and the record); passes take seconds, and one stops within the
     * providers' read timeouts. Other nodes' attempts are taken over with their lanes (see {@link LaneLeases}).
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    /** How long a stopping engine waits for the call in flight; the providers' read timeouts are far shorter. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(5);
    private static final SyncError INTERRUPTED = new SyncError(ErrorCode.PROVIDER_UNAVAILABLE,
            "The engine stopped while this document was being sent. It is looked up in the accounting system before "
                    + "anything is sent again, so it is never sent twice.", null);

    private final RoundStores stores;
    private final LaneClaims claims;
    private final String installationId;
    private final ProviderDirectory directory;
    private final HostNotifier notifier;
    private final Clock clock;
    private final Lanes lanes;
    private final TokenRefresher refresher;
    private final ConnectionAlerts alerts;
    private final TokenRefreshes tokenRefreshes = new TokenRefreshes();
    private final ConnectionKeepAlive keepAlive;
    private final ScheduledExecutorService executor;
    private final Executor workers;
    private final Set<LaneId> busy = ConcurrentHashMap.newKeySet();
    /** When each lane's last turn on this node started, for the health check's "stuck lane". */
    private final Map<LaneId, Instant> lastTurns = new ConcurrentHashMap<>();
    private final Instant started;
    private final Set<Instant> pacedWakes = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Runnable providerChanged = this::providerChanged;
    private volatile boolean stopping;
    private volatile RetryPolicy retry;
    /**
     * How often quiet connections are checked: far more often than the two weeks' notice they need, and often
     * enough that a refresh whose answer was lost is retried with the same refresh token within the 30 minutes
     * Xero still accepts it (see {@link TokenRefresher}). A check that finds nothing due reads only the journal.
     */
    private static final Duration KEEP_ALIVE_EVERY = Duration.ofMinutes(5);
    private volatile long linger;
    /**
     * A burst of wakes is sent at the latest after this many batching delays, quiet or not; a call of payments and credit
     * notes waits for the invoices ahead of it no longer either (see {@link SettlementsHold}).
     */
    private static final int MAX_BURST_LINGERS = 10;
    private volatile long lastWake;
    private volatile long burstStart;
    private ScheduledFuture<?> ticking;

    @Activate
    public Dispatcher(@Reference Journal journal, @Reference JournalReports reports, @Reference ConnectionStore connections,
                      @Reference SetupStore setup, @Reference CustomerLinks customerLinks, @Reference SyncLogStore syncLog,
                      @Reference LaneLeases leases, @Reference EngineIdentity identity, @Reference EngineClock clock,
                      @Reference ProviderDirectory directory, @Reference HostNotifier notifier, EngineConfiguration configuration) {
        this(new RoundStores(journal, reports, connections, setup, customerLinks, syncLog), leases, identity.node(),
                identity.installationId(), clock.clock(), directory, notifier, configuration);
    }

    /** A dispatcher on its own scheduling thread and lane workers, as in Karaf. */
    public Dispatcher(RoundStores stores, LaneLeases leases, NodeId node, String installationId, Clock clock, ProviderDirectory directory,
                      HostNotifier notifier, EngineConfiguration configuration) {
        this(stores, leases, node, installationId, clock, directory, notifier, configuration, schedulerThread(),
                laneWorkers(configuration));
    }

    /**
     * The scheduling thread. Delayed passes (a lane's budget opening in up to a minute) are dropped on shutdown: a
     * stopping engine must not wait for them, and the next start looks at everything due anyway.
     */
    private static ScheduledExecutorService schedulerThread() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "accounting-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return scheduler;
    }

    /** The lane workers: a small pool whose size follows {@code lane.workers} (live, see {@link #configure}). */
    private static ThreadPoolExecutor laneWorkers(EngineConfiguration configuration) {
        int size = Math.max(1, configuration.lane_workers());
        AtomicInteger serial = new AtomicInteger();
        // a FIFO queue: lanes get their turns in the order they became ready, which is what makes them fair
        return new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "accounting-lane-" + serial.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A dispatcher running its passes on {@code executor}, which must run one task at a time (passes never
     * overlap), and each lane's turn right there on the pass's thread; tests hand in a scheduler driven by the
     * engine's clock.
     */
    public Dispatcher(RoundStores stores, LaneLeases leases, NodeId node, String installationId, Clock clock, ProviderDirectory directory,
                      HostNotifier notifier, EngineConfiguration configuration, ScheduledExecutorService executor) {
        this(stores, leases, node, installationId, clock, directory, notifier, configuration, executor, Runnable::run);
    }

    /**
     * A dispatcher scheduling on {@code executor} (one task at a time) and running lane turns on {@code workers}
     * (any number at once; a lane still runs one turn at a time).
     */
    public Dispatcher(RoundStores stores, LaneLeases leases, NodeId node, String installationId, Clock clock, ProviderDirectory directory,
                      HostNotifier notifier, EngineConfiguration configuration, ScheduledExecutorService executor, Executor workers) {
        this.workers = workers;
        this.stores = stores;
        this.claims = new LaneClaims(leases, node, clock, lease(configuration));
        this.installationId = installationId;
        this.directory = directory;
        this.notifier = notifier;
        this.clock = clock;
        this.lanes = new Lanes(clock);
        this.started = clock.instant();
        this.alerts = new ConnectionAlerts(stores.connections(), notifier, clock);
        this.refresher = new TokenRefresher(stores.connections(), alerts, tokenRefreshes);
        this.keepAlive = new ConnectionKeepAlive(stores.connections(), directory, refresher, clock);
        this.executor = executor;
        // whatever this node's previous life left recorded as being sent is in doubt: look before sending it again
        int interrupted = stores.journal().markOwnInterrupted(INTERRUPTED, clock.instant());
        if (interrupted > 0) {
            LOG.warn("{} accounting documents were being sent when the engine last stopped; each is looked up in the "
                    + "accounting system before anything is sent again", interrupted);
        }
        configure(configuration);
        directory.onChange(providerChanged);
        executor.scheduleWithFixedDelay(this::keepConnectionsAliveSafely, KEEP_ALIVE_EVERY.toMinutes(), KEEP_ALIVE_EVERY.toMinutes(),
                TimeUnit.MINUTES);
        wake();
    }

    /**
     * Every few minutes, on the dispatcher's thread: see {@link ConnectionKeepAlive}. Lanes may be sending meanwhile;
     * the token refresher serialises refreshes per connection, so a keep-alive refresh and a lane's never cross.
     */
    private void keepConnectionsAliveSafely() {
        try {
            keepAlive.run();
        } catch (Throwable e) {
            // a scheduled task that throws is never run again: nothing may escape
            LOG.warn("Keeping connections alive failed; the next round tries again", e);
        }
    }

    @Modified
    void modified(EngineConfiguration configuration) {
        configure(configuration);
    }

    /**
     * Stops the dispatcher: no call starts after this, and it returns only once the call in flight has been
     * answered and recorded, so a new engine (the bundle updated) never sends beside the old one.
     */
    @Deactivate
    public void deactivate() throws InterruptedException {
        stopping = true;
        directory.removeOnChange(providerChanged);
        // let the call in flight finish: interrupting it would turn sent documents into unknown outcomes for no reason
        executor.shutdown();
        if (workers instanceof ExecutorService pool) {
            pool.shutdown();
        }
        long waited = 0;
        while (!executor.awaitTermination(30, TimeUnit.SECONDS)
                || workers instanceof ExecutorService pool && !pool.awaitTermination(30, TimeUnit.SECONDS)) {
            waited += 30;
            if (waited >= STOP_WAIT.toSeconds()) {
                LOG.warn("The accounting dispatcher did not stop within {} s; interrupting it (its documents stay in doubt "
                        + "and are looked up before any resend)", waited);
                executor.shutdownNow();
                if (workers instanceof ExecutorService pool) {
                    pool.shutdownNow();
                }
                return;
            }
            LOG.info("Waiting for the accounting dispatcher's call in flight to finish ({} s)", waited);
        }
        releaseLanes();
    }

    /** A clean stop hands this node's companies to the other nodes at once, rather than when its leases end. */
    private void releaseLanes() {
        try {
            claims.releaseAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not release this node's accounting lanes; other nodes take them over when their leases end", e);
        }
    }

    /**
     * Asks for a pass once the host has been quiet for the batching delay; every wake until then joins
     * the same pass, so a host locking a hundred invoices in a row sends them in a few full batches, not
     * in one call per invoice nor in whatever part of the burst had arrived after a fixed delay. A burst
     * that never goes quiet is still sent after {@value #MAX_BURST_LINGERS} delays.
     */
    public void wake() {
        long now = clock.millis();
        lastWake = now;
        if (wakeQueued.compareAndSet(false, true)) {
            burstStart = now;
            afterQuiet(linger);
        }
    }

    private void afterQuiet(long delayMillis) {
        try {
            executor.schedule(() -> {
                long now = clock.millis();
                // a clock set back counts as quiet time passing, never as a longer wait
                long quietMillis = Math.max(0, now - lastWake);
                long burstMillis = Math.max(0, now - burstStart);
                if (quietMillis < linger && burstMillis < linger * MAX_BURST_LINGERS) {
                    afterQuiet(linger - quietMillis);
                    return;
                }
                wakeQueued.set(false);
                passSafely();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            wakeQueued.set(false);
        }
    }

    /**
     * Runs one pass on the dispatcher's own thread and waits for it: passes never overlap, so a
     * document is never sent by two passes at once. For "sync now" and for tests.
     */
    public int passNow() {
        try {
            int handled = 0;
            for (CompletableFuture<Integer> turn : executor.submit(this::turns).get()) {
                handled += turn.get();
            }
            return handled;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a dispatch pass", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("dispatch pass failed", e.getCause());
        }
    }

    /** Where a lane stands, for status displays: until when it is quiet and why. */
    public Optional<String> laneNote(CompanyId company, String provider) {
        return lanes.quiet(new LaneId(company, provider)).map(LaneWait::note);
    }

    /**
     * Admits calls made outside a turn (a webhook's follow-up reads, a poll) into the company's lane of
     * {@code provider}: they hold one of the connection's concurrent-call permits and the lane's reserve until the
     * returned call is closed, and spend the same budgets as the documents. When it is {@linkplain LaneCall#held()
     * held}, make no call: the lane's budget or its permits are taken until then.
     */
    public LaneCall enterLane(CompanyId company, String provider) {
        directory.provider(provider).ifPresent(active -> lanes.declare(active.id(), active.descriptor().limits()));
        return lanes.enter(new LaneId(company, provider));
    }

    /**
     * One read for the admin (the organisation, reference data, contacts, ledger reads) through the company's lane:
     * made only when the lane admits it, so that an admin's "refresh" never pushes the company's document calls into a
     * 429; what it took is counted against the lane like a document call.
     *
     * @throws AccountingException RATE_LIMITED ("deferred until ...") when the lane's budget or its concurrent-call
     *                             permits are taken; NOT_CONNECTED or CONNECTION_EXPIRED as {@link #session}
     */
    public <T> T read(CompanyId company, ActiveProvider provider, Function<ProviderSession, T> read) {
        ProviderSession session = session(company, provider);
        LaneId lane = new LaneId(company, provider.id());
        try (LaneCall entered = enterLane(company, provider.id())) {
            if (entered.held().isPresent()) {
                LaneWait wait = entered.held().get();
                LOG.debug("A read for the admin of company {} waits for its {} lane: {}", company, provider.id(), wait.note());
                throw new AccountingException(wait.reason());
            }
            LaneUsage before = lanes.usage(lane);
            try {
                return read.apply(session);
            } catch (RateLimitedException limited) {
                lanes.limited(lane, limited);
                throw new AccountingException(new LaneWait(clock.instant().plus(limited.retryAfter()), limited.limit(), true).reason());
            } finally {
                lanes.callTook(lane, lanes.usage(lane).since(before), 0);
            }
        }
    }

    /** A call made outside a turn was refused for a limit: the lane (or the app) pauses as if a turn had been refused. */
    public void laneRefused(CompanyId company, String provider, RateLimitedException limited) {
        lanes.limited(new LaneId(company, provider), limited);
    }

    /** When the lane's last turn on this node started; empty when it had none since {@link #started()}. */
    public Optional<Instant> lastTurn(LaneId lane) {
        return Optional.ofNullable(lastTurns.get(lane));
    }

    /** The token refreshes this node made since it started. */
    public TokenRefreshes tokenRefreshes() {
        return tokenRefreshes;
    }

    /** When this dispatcher started. */
    public Instant started() {
        return started;
    }

    /** How many lanes are in a turn right now (each holds one lane worker). */
    public int lanesInATurn() {
        return busy.size();
    }

    /**
     * A session for calls outside a pass, sharing the passes' token refresher and lanes so that refreshes stay one at
     * a time and its calls are counted against the lane. Make its calls inside {@link #read} or {@link #enterLane}, so
     * that they also wait for the lane's budget and permits.
     *
     * @throws AccountingException NOT_CONNECTED or CONNECTION_EXPIRED when the company cannot use the provider
     */
    public ProviderSession session(CompanyId company, ActiveProvider provider) {
        StoredConnection connection = stores.connections().find(company, provider.id())
                .filter(stored -> stored.state() == ConnectionState.CONNECTED && stored.tokens() != null)
                .orElseThrow(() -> new AccountingException(SyncError.of(
                        stores.connections().find(company, provider.id()).map(StoredConnection::state).orElse(null) == ConnectionState.EXPIRED
                                ? ErrorCode.CONNECTION_EXPIRED : ErrorCode.NOT_CONNECTED,
                        provider.descriptor().displayName())));
        return new EngineSession(stores.journal(), stores.syncLog(), provider, connection, refresher, lanes);
    }

    /**
     * One pass: every lane with due work that this node may work, is not already in a turn and is within its limits
     * gets a turn. Returns how many documents the turns that are already over handled; a turn still running when the
     * pass ends asks for the next pass itself when it is over, so a backlog drains batch after batch.
     */
    int pass() {
        int handled = 0;
        for (CompletableFuture<Integer> turn : turns()) {
            if (turn.isDone()) {
                handled += turn.join();
            } else {
                turn.thenAccept(done -> {
                    if (done > 0 && !stopping) {
                        continueDraining();
                    }
                });
            }
        }
        return handled;
    }

    /** Hands out this pass's turns; each future ends with how many documents its turn handled. */
    private List<CompletableFuture<Integer>> turns() {
        Instant now = clock.instant();
        stores.journal().markAbandoned(now.minus(ABANDONED_AFTER), INTERRUPTED, now);
        Set<LaneId> held = claims.claim(directory.lanesWithDueWork(now), busy, now);
        if (held.isEmpty()) {
            return List.of();
        }
        // what a dead node left being sent in the lanes taken over is looked up first
        stores.journal().markOrphaned(held, INTERRUPTED, now);
        Recorder recorder = new Recorder(stores.journal(), stores.connections(), notifier, retry, clock);
        List<CompletableFuture<Integer>> turns = new ArrayList<>();
        for (LaneId lane : held) {
            if (stopping) {
                break;
            }
            if (busy.contains(lane)) {
                continue;
            }
            Optional<ActiveProvider> provider = directory.provider(lane.provider());
            if (provider.isEmpty()) {
                holdForProvider(lane, recorder, now);
                continue;
            }
            lanes.declare(provider.get().id(), provider.get().descriptor().limits());
            turn(lane, provider.get(), recorder).ifPresent(turns::add);
        }
        return turns;
    }

    /**
     * Gives the lane one turn on the workers, unless it is in one already (a lane is serial) or must wait for a
     * minute budget (it is woken when that ends). A lane out of its daily budget still gets its turn: the round
     * defers its documents with the reason, so that they show until when they wait.
     */
    private Optional<CompletableFuture<Integer>> turn(LaneId lane, ActiveProvider provider, Recorder recorder) {
        Optional<LaneWait> wait = lanes.waitBeforeAnyCall(lane);
        if (wait.isPresent() && wait.get().limit() != RateLimit.DAY) {
            wakeAt(wait.get().until());
            return Optional.empty();
        }
        if (!busy.add(lane)) {
            return Optional.empty();
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                int handled = 0;
                lastTurns.put(lane, clock.instant());
                try {
                    if (!stopping && !claims.renew(lane)) {
                        LOG.warn("This node's lease on lane {} ended before its turn; another node serves it now", lane);
                    } else if (!stopping) {
                        handled = new DispatchRound(stores, installationId, provider, recorder, lanes, refresher, clock, () -> stopping,
                                alerts, Duration.ofMillis(linger * MAX_BURST_LINGERS)).run(lane.company());
                    }
                } catch (Throwable e) {
                    // one company's trouble (a database hiccup, a provider bug, a provider bundle half-updated) must not stop the others
                    LOG.error("Accounting dispatch for lane {} failed; it is retried on the next pass", lane, e);
                } finally {
                    busy.remove(lane);
                    // documents held back for a limit are due again when it opens: a pass then, not at the next tick
                    lanes.waitBeforeCall(lane).ifPresent(held -> wakeAt(held.until()));
                    done.complete(handled);
                }
            });
        } catch (RejectedExecutionException stopped) {
            busy.remove(lane);
            return Optional.empty();
        }
        return Optional.of(done);
    }

    /** A pass when a lane's budget opens again, once per instant however many lanes wait for it. */
    private void wakeAt(Instant when) {
        if (!pacedWakes.add(when)) {
            return;
        }
        try {
            long delay = Math.max(0, when.toEpochMilli() - clock.millis());
            executor.schedule(() -> {
                pacedWakes.remove(when);
                passSafely();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            pacedWakes.remove(when);
        }
    }

    private void passSafely() {
        try {
            if (pass() > 0 && !stopping) {
                continueDraining();
            }
        } catch (Throwable e) {
            // a scheduled task that throws is never run again: the tick must survive anything
            LOG.error("Accounting dispatch pass failed; retrying on the next tick", e);
        }
    }

    /** The periodic pass (retries coming due), left out while a burst is gathering: its own pass is coming. */
    private void tick() {
        if (!wakeQueued.get()) {
            passSafely();
        }
    }

    /** A pass that handled documents is followed by another at once: the backlog is already there. */
    private void continueDraining() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakeQueued.set(false);
                    passSafely();
                });
            } catch (RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    private void holdForProvider(LaneId lane, Recorder recorder, Instant now) {
        SyncError reason = directory.whyWaiting(lane);
        for (DocumentKind kind : DocumentKind.values()) {
            recorder.waiting(stores.journal().due(lane.company(), kind, lane.provider(), now, 1000), SyncStatus.PENDING, reason,
                    now.plus(WAIT_FOR_PROVIDER));
        }
    }

    /**
     * Something documents wait for has arrived (a provider, a connection): make them due and run a pass.
     * Both happen on the dispatcher's own thread, after any pass in progress; done on the caller's
     * thread, a pass already running could put the woken documents back on hold.
     */
    public void wakeWaiting() {
        try {
            executor.execute(() -> {
                try {
                    stores.journal().wakeWaiting(clock.instant());
                } catch (Throwable e) {
                    LOG.warn("Could not wake waiting documents", e);
                }
                passSafely();
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Dispatcher stopping; waiting documents are woken on its next start");
        }
    }

    /**
     * An admin connected {@code company} to {@code provider}; {@code afterExpiry} when its connection had expired or been
     * revoked, which ends that alert. Its waiting documents are sent now.
     */
    public void connected(CompanyId company, String provider, boolean afterExpiry) {
        if (afterExpiry) {
            alerts.restored(company, provider);
        }
        wakeWaiting();
    }

    private void providerChanged() {
        wakeWaiting();
    }

    private static Duration lease(EngineConfiguration configuration) {
        return Duration.ofSeconds(Math.max(10, configuration.lane_lease_s()));
    }

    private synchronized void configure(EngineConfiguration configuration) {
        retry = new RetryPolicy(Duration.ofSeconds(Math.max(1, configuration.retry_delay_s())),
                Duration.ofSeconds(Math.max(1, configuration.retry_delay_max_s())));
        linger = Math.max(0, configuration.dispatch_linger_ms());
        claims.lease(lease(configuration));
        long interval = Math.max(50, configuration.dispatch_interval_ms());
        if (workers instanceof ThreadPoolExecutor pool) {
            int size = Math.max(1, configuration.lane_workers());
            // growing raises the maximum first, shrinking lowers the core first: the pool refuses core > maximum
            if (size > pool.getMaximumPoolSize()) {
                pool.setMaximumPoolSize(size);
                pool.setCorePoolSize(size);
            } else {
                pool.setCorePoolSize(size);
                pool.setMaximumPoolSize(size);
            }
        }
        if (ticking != null) {
            ticking.cancel(false);
        }
        ticking = executor.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }
}
