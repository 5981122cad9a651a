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

    /**
     * A customer was renamed in the accounting system, and the company has two-way name sync on
     * ({@code SyncSettings.twoWayNameSync}): the host should take the new name. Told once per change,
     * from the accounting system's contact webhooks. Hosts that do not sync names need not implement it.
     *
     * @param company the company
     * @param hostCustomerId the host's id of the customer
     * @param name its name in the accounting system now
     */
    default void customerRenamed(CompanyId company, String hostCustomerId, String name) {
    }

    /**
     * The company's connection to {@code provider} expired or was revoked: the accounting system refused the grant or
     * the app ({@code invalid_grant}, {@code invalid_client}). Its documents wait as {@code DISCONNECTED}, nothing is
     * lost, and they go out by themselves once an admin reconnects. Told once per episode (however many documents or
     * nodes ran into it), then {@link #connectionRestored} when it is connected again.
     *
     * @param company the company
     * @param provider the accounting system's id ({@code xero}, {@code quickbooks})
     * @param reason what the accounting system said, to show the admin
     */
    default void connectionExpired(CompanyId company, String provider, SyncError reason) {
    }

    /**
     * An expired connection was connected again by an admin; its waiting documents are being sent.
     *
     * @param company the company
     * @param provider the accounting system's id
     */
    default void connectionRestored(CompanyId company, String provider) {
    }
}
