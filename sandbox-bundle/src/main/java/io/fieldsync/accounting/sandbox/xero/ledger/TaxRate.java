package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax rate. {@code effectiveRate} is a percentage to 4 dp (e.g. 15.0000), used for every calculation.
 */
public record TaxRate(String taxType, String name, BigDecimal effectiveRate, String status, String reportTaxType,
                      boolean canApplyToRevenue, boolean canApplyToExpenses, boolean canApplyToAssets,
                      boolean canApplyToLiabilities, boolean canApplyToEquity) {

    public TaxRate {
        Objects.requireNonNull(taxType);
        Objects.requireNonNull(name);
        effectiveRate = effectiveRate.setScale(4, java.math.RoundingMode.HALF_UP);
        Objects.requireNonNull(status);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
