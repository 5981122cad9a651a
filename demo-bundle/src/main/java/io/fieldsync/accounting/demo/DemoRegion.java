package io.fieldsync.accounting.demo;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

/**
 * Where the demo company trades: its currency, its sales tax and what its addresses look like. The demo
 * follows the connected organisation (Xero's demo company is in New Zealand, the QuickBooks sandbox
 * company in Australia) so that every invoice is in the organisation's own currency and tax.
 *
 * @param country ISO country code of the addresses
 * @param currency the invoices' currency
 * @param gstPercent the one sales tax rate every line carries
 * @param city the customers' city
 * @param postcode the customers' postcode
 * @param phonePrefix the customers' phone numbers start with it
 */
public record DemoRegion(String country, Currency currency, BigDecimal gstPercent, String city, String postcode, String phonePrefix) {

    /** New Zealand: NZD, GST 15 %. */
    public static final DemoRegion NEW_ZEALAND = new DemoRegion("NZ", Currency.getInstance("NZD"), new BigDecimal("15"), "Auckland",
            "1010", "+64 9 555 0");
    /** Australia: AUD, GST 10 %. */
    public static final DemoRegion AUSTRALIA = new DemoRegion("AU", Currency.getInstance("AUD"), new BigDecimal("10"), "Sydney",
            "2000", "+61 2 5550 0");

    private static final List<DemoRegion> KNOWN = List.of(NEW_ZEALAND, AUSTRALIA);

    /**
     * The region whose GST rate the organisation charges on sales (an active revenue rate of that percentage).
     *
     * @throws IllegalStateException when the organisation has none of the known regions' rates
     */
    public static DemoRegion of(ReferenceData reference) {
        return KNOWN.stream().filter(region -> region.salesRate(reference).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the organisation charges neither 15 % (NZ) nor 10 % (AU) GST on sales"));
    }

    /** The organisation's active sales tax rate of this region's GST percentage. */
    public Optional<RemoteTaxRate> salesRate(ReferenceData reference) {
        return reference.taxRates().stream()
                .filter(rate -> rate.active() && rate.appliesToRevenue() && rate.ratePercent().compareTo(gstPercent) == 0)
                .findFirst();
    }
}
