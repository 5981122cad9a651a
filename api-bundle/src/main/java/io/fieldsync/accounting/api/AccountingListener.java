package io.fieldsync.accounting.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service the host registers to hear about outcomes. Calls come from the engine's own
 * threads; an implementation should return quickly and must not throw (a throwing listener is
 * logged and skipped, never retried).
 */
@ConsumerType
public interface AccountingListener {

    /** A document's status changed (synced, failed, waiting for a connection, ...). */
    void documentChanged(DocumentStatus status);

    /** The accounting system reported a new payment state for a synced invoice (webhook or polling). */
    void paymentStateChanged(DocumentRef invoice, RemotePaymentState state);
}
