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
 * <p>There is no tax liability account (since 1.3): neither vendor takes one on an invoice or a tax rate. Xero books
 * an invoice's tax to its system GST/VAT account, and a tax rate carries no account (Xero OpenAPI {@code TaxRate}:
 * Name, TaxType, TaxComponents, Status, ReportTaxType, CanApplyTo..., rates). QuickBooks Online books it to the
 * account of the rate's tax agency ({@code TaxRate.AgencyRef} → {@code TaxAgency.TaxTrackedOnSalesAccountRef}, set in
 * QuickBooks' sales tax centre), and {@code TxnTaxDetail} has no account either (Intuit XSD Finance.xsd,
 * IntuitNamesTypes.xsd).
 *
 * @param salesAccount the default revenue account for categories without their own mapping, or null
 * @param depositAccount the default deposit account for payments (undeposited funds or a bank account), or null
 * @param depositAccountByMethod a deposit account per payment method, overriding the default
 */
public record Mappings(Map<String, String> revenueAccountByCategory, Map<String, String> itemByCategory,
                       Map<String, String> taxRateByHostTaxRate, String salesAccount,
                       String depositAccount, Map<PaymentMethod, String> depositAccountByMethod) {

    /** Copies the maps; null maps become empty. */
    public Mappings {
        revenueAccountByCategory = copy(revenueAccountByCategory);
        itemByCategory = copy(itemByCategory);
        taxRateByHostTaxRate = copy(taxRateByHostTaxRate);
        depositAccountByMethod = depositAccountByMethod == null || depositAccountByMethod.isEmpty()
                ? Map.of() : Map.copyOf(new EnumMap<>(depositAccountByMethod));
    }

    /**
     * The mappings of 1.2, with a tax liability account.
     *
     * @deprecated the tax liability account is ignored: no accounting system takes one (see the type's comment); use
     * the constructor without it
     */
    @Deprecated(since = "1.3")
    public Mappings(Map<String, String> revenueAccountByCategory, Map<String, String> itemByCategory,
                    Map<String, String> taxRateByHostTaxRate, String salesAccount, String taxLiabilityAccount,
                    String depositAccount, Map<PaymentMethod, String> depositAccountByMethod) {
        this(revenueAccountByCategory, itemByCategory, taxRateByHostTaxRate, salesAccount, depositAccount, depositAccountByMethod);
    }

    /**
     * Always null.
     *
     * @deprecated no accounting system takes a tax liability account (see the type's comment)
     */
    @Deprecated(since = "1.3")
    public String taxLiabilityAccount() {
        return null;
    }

    /** No mappings at all. */
    public static Mappings empty() {
        return new Mappings(Map.of(), Map.of(), Map.of(), null, null, Map.of());
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
