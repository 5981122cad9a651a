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
 * @param reconcileFirst true when an earlier attempt may have reached the accounting system (its outcome is unknown,
 *                       or the engine stopped while sending): look for the payment before writing anything
 * @param remotePaymentId the remote payment an earlier revision of this payment became, or null: the payment was
 *                        changed after it synced, and that remote payment must be changed (or replaced), never
 *                        joined by a second one
 */
public record PaymentPush(DocumentRef document, IdempotencyKey key, Payment payment, String remoteInvoiceId,
                          String remoteCustomerId, String depositAccount, boolean reconcileFirst, String remotePaymentId) {

    /** A payment never synced before. */
    public PaymentPush(DocumentRef document, IdempotencyKey key, Payment payment, String remoteInvoiceId, String remoteCustomerId,
                       String depositAccount, boolean reconcileFirst) {
        this(document, key, payment, remoteInvoiceId, remoteCustomerId, depositAccount, reconcileFirst, null);
    }

    /** Validates the parts. */
    public PaymentPush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(remoteInvoiceId, "remote invoice id");
        Objects.requireNonNull(depositAccount, "deposit account");
    }
}
