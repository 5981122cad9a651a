package io.fieldsync.accounting.engine.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the host's {@link AccountingListener} services what happened. A failing listener is logged and skipped. */
@Component(service = HostNotifier.class)
public class HostNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(HostNotifier.class);

    private final List<AccountingListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addListener(AccountingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AccountingListener listener) {
        listeners.remove(listener);
    }

    /** A document's status changed. */
    public void documentChanged(DocumentStatus status) {
        for (AccountingListener listener : listeners) {
            try {
                listener.documentChanged(status);
            } catch (RuntimeException e) {
                LOG.warn("Accounting listener {} failed on {}", listener.getClass().getName(), status.document(), e);
            }
        }
    }

    /** A synced invoice's payment state changed. */
    public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
        for (AccountingListener listener : listeners) {
            try {
                listener.paymentStateChanged(invoice, state);
            } catch (RuntimeException e) {
                LOG.warn("Accounting listener {} failed on {}", listener.getClass().getName(), invoice, e);
            }
        }
    }
}
