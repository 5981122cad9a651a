package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;

/** SubTotal + TotalTax = Total; TotalDiscount is informational. */
public record Totals(BigDecimal subTotal, BigDecimal totalTax, BigDecimal total, BigDecimal totalDiscount) {

    public static final Totals NONE = new Totals(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
}
