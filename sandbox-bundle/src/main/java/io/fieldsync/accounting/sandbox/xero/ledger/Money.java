package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Xero's money rule in one place: amounts are rounded to 2 decimal places, halves away from zero. */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");
    public static final BigDecimal HUNDRED = new BigDecimal("100");

    private Money() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
