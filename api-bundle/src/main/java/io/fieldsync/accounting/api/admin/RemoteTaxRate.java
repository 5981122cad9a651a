package io.fieldsync.accounting.api.admin;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax rate of the accounting system.
 *
 * @param code what documents name it by (Xero {@code TaxType}, QuickBooks TaxCode id)
 * @param name its name
 * @param ratePercent its effective rate in percent
 * @param active only active rates are valid mapping targets
 * @param appliesToRevenue whether it may be used on sales
 */
public record RemoteTaxRate(String code, String name, BigDecimal ratePercent, boolean active, boolean appliesToRevenue) {

    /** Validates the parts. */
    public RemoteTaxRate {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ratePercent, "rate");
    }
}
