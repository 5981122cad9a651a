package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Payment;

/**
 * A payment to apply to its invoice.
 *
 * @param document the payment's journal reference
 * @param key the idempotency key
 * @param payment the payment
 * @param remoteInvoiceId the remote invoice paid
 * @param remoteCustomerId the remote contact of that invoice
 * @param depositAccount the mapped deposit account for the payment's method
 * @param reconcileFirst true when an earlier attempt's outcome is unknown: look for the payment before creating
 */
public record PaymentPush(DocumentRef document, IdempotencyKey key, Payment payment, String remoteInvoiceId,
                          String remoteCustomerId, String depositAccount, boolean reconcileFirst) {

    /** Validates the parts. */
    public PaymentPush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(remoteInvoiceId, "remote invoice id");
        Objects.requireNonNull(depositAccount, "deposit account");
    }
}
