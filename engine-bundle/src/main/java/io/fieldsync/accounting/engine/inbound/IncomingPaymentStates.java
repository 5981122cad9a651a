package io.fieldsync.accounting.engine.inbound;

import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.PaymentStates;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where payment states read from the accounting system arrive, whether a webhook or a poll read them: the session a
 * read may use, and each state recorded in the journal and told to the host.
 */
final class IncomingPaymentStates {

    /** The component's logger: the lines an operator filters on stay under the name they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpdates.class);

    private final PaymentStates paymentStates;
    private final Dispatcher dispatcher;
    private final HostNotifier notifier;

    IncomingPaymentStates(PaymentStates paymentStates, Dispatcher dispatcher, HostNotifier notifier) {
        this.paymentStates = paymentStates;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
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

    /** Records the invoice's state and tells the host when it changed; answers whether it changed. */
    boolean apply(CompanyId company, String provider, RemoteInvoiceState invoice) {
        Optional<JournalEntry> updated = paymentStates.record(company, provider, invoice.remoteId(), invoice.payment());
        updated.ifPresent(entry -> {
            notifier.paymentStateChanged(entry.document(), invoice.payment());
            notifier.documentChanged(entry.toStatus());
        });
        return updated.isPresent();
    }
}
