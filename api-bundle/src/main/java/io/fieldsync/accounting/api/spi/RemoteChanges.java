package io.fieldsync.accounting.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Invoices changed in the accounting system since a point in time.
 *
 * @param invoices the changed invoices
 * @param watermark where the next poll starts (the accounting system's clock when it says, else ours)
 */
public record RemoteChanges(List<RemoteInvoiceState> invoices, Instant watermark) {

    /** Copies the list. */
    public RemoteChanges {
        invoices = List.copyOf(invoices);
        Objects.requireNonNull(watermark, "watermark");
    }
}
