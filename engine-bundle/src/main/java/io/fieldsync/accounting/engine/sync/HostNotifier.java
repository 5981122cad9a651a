package io.fieldsync.accounting.engine.sync;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.engine.operations.ConnectionEvents;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the host's {@link AccountingListener} services what happened, in order, on a thread of its
 * own: a host call never runs listener code, and a slow listener never holds up the dispatcher.
 * A failing listener is logged and skipped.
 */
@Component(service = HostNotifier.class)
public class HostNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(HostNotifier.class);

    private final List<AccountingListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ConnectionEvents> connectionEvents = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "accounting-notifier");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addListener(AccountingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AccountingListener listener) {
        listeners.remove(listener);
    }

    /** Where connection alerts are published besides the listeners (EventAdmin, when Karaf has it). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addConnectionEvents(ConnectionEvents events) {
        connectionEvents.add(events);
    }

    public void removeConnectionEvents(ConnectionEvents events) {
        connectionEvents.remove(events);
    }

    /** Stops delivering; what was queued is delivered first, for up to 10 seconds. */
    @Deactivate
    public void deactivate() throws InterruptedException {
        delivery.shutdown();
        if (!delivery.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Accounting listeners did not take their last notifications within 10 s");
            delivery.shutdownNow();
        }
    }

    /** A document's status changed. */
    public void documentChanged(DocumentStatus status) {
        deliver(listener -> listener.documentChanged(status), status.document());
    }

    /** A synced invoice's payment state changed. */
    public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
        deliver(listener -> listener.paymentStateChanged(invoice, state), invoice);
    }

    /** A linked customer was renamed in the accounting system (two-way name sync). */
    public void customerRenamed(CompanyId company, String hostCustomerId, String name) {
        deliver(listener -> listener.customerRenamed(company, hostCustomerId, name), "customer " + hostCustomerId + " of " + company);
    }

    /** A connection expired or was revoked (see {@code ConnectionAlerts}: told once per episode). */
    public void connectionExpired(CompanyId company, String provider, SyncError reason, Instant at) {
        String about = "the " + provider + " connection of " + company;
        deliver(listener -> listener.connectionExpired(company, provider, reason), about);
        publish(events -> events.expired(company, provider, reason, at), about);
    }

    /** An expired connection was connected again. */
    public void connectionRestored(CompanyId company, String provider, Instant at) {
        String about = "the " + provider + " connection of " + company;
        deliver(listener -> listener.connectionRestored(company, provider), about);
        publish(events -> events.restored(company, provider, at), about);
    }

    /** Waits until everything queued so far was delivered. */
    public void flush() {
        try {
            delivery.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.debug("Nothing to flush: {}", e.toString());
        }
    }

    private void publish(Consumer<ConnectionEvents> call, Object about) {
        for (ConnectionEvents events : connectionEvents) {
            try {
                call.accept(events);
            } catch (RuntimeException e) {
                LOG.warn("Publishing the alert about {} failed", about, e);
            }
        }
    }

    private void deliver(Consumer<AccountingListener> call, Object about) {
        try {
            delivery.execute(() -> {
                for (AccountingListener listener : listeners) {
                    try {
                        call.accept(listener);
                    } catch (RuntimeException e) {
                        LOG.warn("Accounting listener {} failed on {}", listener.getClass().getName(), about, e);
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Accounting notifier stopped; {} not delivered", about);
        }
    }
}
