package io.fieldsync.accounting.api.spi;

import java.util.Currency;
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
 * @param currency the currency of the documents the customer is pushed for, or null when not known: an accounting
 *                 system that fixes a customer's currency when it is created (QuickBooks Online with multicurrency)
 *                 creates it in this one
 */
public record CustomerPush(DocumentRef document, IdempotencyKey key, Customer customer, String linkedRemoteId, Currency currency) {

    /** A push that says nothing about the currency of the customer's documents. */
    public CustomerPush(DocumentRef document, IdempotencyKey key, Customer customer, String linkedRemoteId) {
        this(document, key, customer, linkedRemoteId, null);
    }

    /** Validates the parts. */
    public CustomerPush {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(customer, "customer");
    }
}
