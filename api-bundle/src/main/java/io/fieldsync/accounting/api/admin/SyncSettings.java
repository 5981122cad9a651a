package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * A company's sync choices.
 *
 * @param pushInvoicesAs draft or approved
 * @param keepHostInvoiceNumbers send the host's invoice numbers (true) or let the accounting system number invoices
 * @param twoWayNameSync bring customer name changes made in the accounting system back to the host
 */
public record SyncSettings(InvoiceStatusOnPush pushInvoicesAs, boolean keepHostInvoiceNumbers, boolean twoWayNameSync) {

    /** Validates the parts. */
    public SyncSettings {
        Objects.requireNonNull(pushInvoicesAs, "push invoices as");
    }

    /** Approved invoices, host numbers kept, one-way names: what most field-service companies want. */
    public static SyncSettings defaults() {
        return new SyncSettings(InvoiceStatusOnPush.APPROVED, true, false);
    }
}
