package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.RemotePaymentState;

/**
 * An invoice as the accounting system holds it.
 *
 * @param remoteId its remote id
 * @param number its number
 * @param payment its payment state
 */
public record RemoteInvoiceState(String remoteId, String number, RemotePaymentState payment) {

    /** Validates the parts. */
    public RemoteInvoiceState {
        Objects.requireNonNull(remoteId, "remote id");
        Objects.requireNonNull(payment, "payment");
    }
}
