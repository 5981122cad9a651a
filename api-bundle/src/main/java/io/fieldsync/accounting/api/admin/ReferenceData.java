package io.fieldsync.accounting.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The accounting system's lists that mappings point into, as last read.
 *
 * @param organisationName the organisation's name
 * @param accounts the chart of accounts
 * @param taxRates the tax rates
 * @param items the products and services
 * @param fetchedAt when they were read
 */
public record ReferenceData(String organisationName, List<RemoteAccount> accounts, List<RemoteTaxRate> taxRates,
                            List<RemoteItem> items, Instant fetchedAt) {

    /** Copies the lists. */
    public ReferenceData {
        accounts = List.copyOf(accounts);
        taxRates = List.copyOf(taxRates);
        items = List.copyOf(items);
        Objects.requireNonNull(fetchedAt, "fetched at");
    }

    /** The account with this mapping key (code or id). */
    public Optional<RemoteAccount> account(String key) {
        return accounts.stream().filter(a -> a.key().equals(key) || a.id().equals(key)).findFirst();
    }

    /** The tax rate with this code. */
    public Optional<RemoteTaxRate> taxRate(String code) {
        return taxRates.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** The item with this code or id. */
    public Optional<RemoteItem> item(String key) {
        return items.stream().filter(i -> key.equals(i.code()) || i.id().equals(key)).findFirst();
    }
}
