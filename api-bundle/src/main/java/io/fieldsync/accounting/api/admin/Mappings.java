package io.fieldsync.accounting.api.admin;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.PaymentMethod;

/**
 * How the host's vocabulary maps onto one accounting system. Accounts are named by their
 * {@link RemoteAccount#key() key}, tax rates by {@link RemoteTaxRate#code() code}, items by code or id.
 *
 * @param revenueAccountByCategory category (Labour, Materials, ...) → revenue account
 * @param itemByCategory category → remote item, optional (QuickBooks books income through items)
 * @param taxRateByHostTaxRate host tax rate id → remote tax rate code; every host rate in use must map to an active one
 * @param salesAccount the default revenue account for categories without their own mapping, or null
 * @param taxLiabilityAccount the tax liability account, or null where the accounting system derives it
 * @param depositAccount the default deposit account for payments (undeposited funds or a bank account), or null
 * @param depositAccountByMethod a deposit account per payment method, overriding the default
 */
public record Mappings(Map<String, String> revenueAccountByCategory, Map<String, String> itemByCategory,
                       Map<String, String> taxRateByHostTaxRate, String salesAccount, String taxLiabilityAccount,
                       String depositAccount, Map<PaymentMethod, String> depositAccountByMethod) {

    /** Copies the maps; null maps become empty. */
    public Mappings {
        revenueAccountByCategory = copy(revenueAccountByCategory);
        itemByCategory = copy(itemByCategory);
        taxRateByHostTaxRate = copy(taxRateByHostTaxRate);
        depositAccountByMethod = depositAccountByMethod == null || depositAccountByMethod.isEmpty()
                ? Map.of() : Map.copyOf(new EnumMap<>(depositAccountByMethod));
    }

    /** No mappings at all. */
    public static Mappings empty() {
        return new Mappings(Map.of(), Map.of(), Map.of(), null, null, null, Map.of());
    }

    /** The revenue account for a category: its own mapping, else the default sales account. */
    public Optional<String> revenueAccountFor(String category) {
        return Optional.ofNullable(revenueAccountByCategory.getOrDefault(category, salesAccount));
    }

    /** The remote item for a category, if mapped. */
    public Optional<String> itemFor(String category) {
        return Optional.ofNullable(itemByCategory.get(category));
    }

    /** The remote tax rate for a host tax rate, if mapped. */
    public Optional<String> taxRateFor(String hostTaxRateId) {
        return Optional.ofNullable(taxRateByHostTaxRate.get(hostTaxRateId));
    }

    /** The deposit account for a payment method: its own mapping, else the default. */
    public Optional<String> depositAccountFor(PaymentMethod method) {
        return Optional.ofNullable(depositAccountByMethod.getOrDefault(method, depositAccount));
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
