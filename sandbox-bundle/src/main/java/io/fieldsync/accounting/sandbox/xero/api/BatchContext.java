package io.fieldsync.accounting.sandbox.xero.api;

import io.fieldsync.accounting.sandbox.xero.ledger.Money;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What earlier elements of the same request have claimed but not yet written (summarised mode validates every
 * element before writing any): document numbers, contact names, amounts against a balance.
 */
final class BatchContext {

    private final Set<String> reserved = new HashSet<>();
    private final Map<String, BigDecimal> pending = new HashMap<>();

    /** @return false if an earlier element already claimed {@code key} */
    boolean reserve(String key) {
        return reserved.add(key.toLowerCase());
    }

    BigDecimal pending(String key) {
        return pending.getOrDefault(key, Money.ZERO);
    }

    void addPending(String key, BigDecimal amount) {
        pending.merge(key, amount, BigDecimal::add);
    }
}
