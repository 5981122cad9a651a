package io.fieldsync.accounting.sandbox.xero.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which OAuth scopes let a token use which collection. Both Xero's broad scopes (the spec's
 * {@code accounting.transactions}, {@code accounting.contacts}, {@code accounting.settings}) and the granular ones
 * given to apps created from March 2026 ({@code accounting.invoices}, {@code accounting.payments}; api-facts §1.1)
 * are accepted; each has a {@code .read} variant good for GET only. A missing scope is a 403.
 */
final class ScopeRules {

    private static final Map<String, List<String>> FAMILIES = Map.of(
            "organisation", List.of("accounting.settings"),
            "accounts", List.of("accounting.settings"),
            "taxrates", List.of("accounting.settings"),
            "items", List.of("accounting.settings", "accounting.invoices"),
            "contacts", List.of("accounting.contacts"),
            "invoices", List.of("accounting.transactions", "accounting.invoices"),
            "creditnotes", List.of("accounting.transactions", "accounting.invoices"),
            "payments", List.of("accounting.transactions", "accounting.payments"));

    private ScopeRules() {
    }

    static boolean allows(String tokenScope, String collection, String method) {
        List<String> families = FAMILIES.get(collection.toLowerCase(Locale.ROOT));
        if (families == null) {
            return true; // unknown collections end as 404 further on
        }
        Set<String> granted = Arrays.stream(tokenScope.split(" ")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
        boolean read = "GET".equals(method);
        return families.stream().anyMatch(f -> granted.contains(f) || (read && granted.contains(f + ".read")));
    }
}
