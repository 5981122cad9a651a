package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * A company's sync choices.
 *
 * @param pushInvoicesAs draft or approved
 * @param keepHostInvoiceNumbers send the host's invoice numbers (true) or let the accounting system number invoices
 * @param twoWayNameSync bring customer name changes made in the accounting system back to the host
 * @param autoSyncInvoices send invoices and credit notes as the host hands them over (true), or store them
 *                         NOT_ATTEMPTED until the admin syncs them (false); since 1.3
 * @param autoSyncPayments the same for payments; since 1.3
 * @param pollingIntervalMinutes how often the polling backstop reads the company's changed invoices: null for the
 *                               node's {@code poll_interval_min}, 0 for never (webhooks only), else between
 *                               {@link #MIN_POLLING_INTERVAL_MINUTES} and {@link #MAX_POLLING_INTERVAL_MINUTES}; since 1.3
 */
public record SyncSettings(InvoiceStatusOnPush pushInvoicesAs, boolean keepHostInvoiceNumbers, boolean twoWayNameSync,
                           boolean autoSyncInvoices, boolean autoSyncPayments, Integer pollingIntervalMinutes) {

    /**
     * Xero's Starter tier allows an organisation 1,000 calls a day (../shared/reference/api-facts.md §5): a poll a
     * minute would spend 1,440 of them on polling alone; every 5 minutes costs 288, leaving the rest for documents.
     */
    public static final int MIN_POLLING_INTERVAL_MINUTES = 5;
    /** A day: the first poll of a connection looks back a day, so a longer gap could miss changes. */
    public static final int MAX_POLLING_INTERVAL_MINUTES = 1440;

    /** Validates the parts. */
    public SyncSettings {
        Objects.requireNonNull(pushInvoicesAs, "push invoices as");
    }

    /** The settings before 1.3: both kinds sync automatically, polling at the node's interval. */
    public SyncSettings(InvoiceStatusOnPush pushInvoicesAs, boolean keepHostInvoiceNumbers, boolean twoWayNameSync) {
        this(pushInvoicesAs, keepHostInvoiceNumbers, twoWayNameSync, true, true, null);
    }

    /** Approved invoices, host numbers kept, one-way names, everything synced as it comes: what most field-service companies want. */
    public static SyncSettings defaults() {
        return new SyncSettings(InvoiceStatusOnPush.APPROVED, true, false);
    }

    /** Whether {@code minutes} (null: the node's default) is an interval the polling backstop accepts. */
    public static boolean isValidPollingInterval(Integer minutes) {
        return minutes == null || minutes == 0
                || minutes >= MIN_POLLING_INTERVAL_MINUTES && minutes <= MAX_POLLING_INTERVAL_MINUTES;
    }
}
