package io.fieldsync.accounting.api.spi;

import java.util.Objects;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;

/**
 * A customer to find (by email, then name) or create.
 *
 * @param document the customer's journal reference
 * @param key the idempotency key of this push
 * @param customer the customer
 * @param linkedRemoteId the remote contact already linked (update its details), or null to match or create
 */
public record CustomerPush(DocumentRef document, IdempotencyKey key, Customer customer, String linkedRemoteId) {

    /** Validates the parts. */
    public CustomerPush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(customer, "customer");
    }
}
