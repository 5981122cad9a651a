package io.fieldsync.accounting.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The one place where the scale and rounding of money are decided.
 *
 * <p>Amounts (totals, payments, line amounts) carry two decimal places, unit prices and
 * quantities four, which is what both Xero ({@code unitdp=4}) and QuickBooks Online accept.
 * Values handed over by the host must already fit: an amount of {@code 10.005} is refused
 * rather than silently rounded, because rounding someone else's money is not ours to decide.
 * Values this product computes (line totals, discounts) are rounded {@link #ROUNDING half up},
 * the rule both accounting systems apply to line amounts.
 */
public final class MoneyRules {

    /** Decimal places of an amount of money. */
    public static final int AMOUNT_SCALE = 2;
    /** Decimal places of a unit price. */
    public static final int UNIT_PRICE_SCALE = 4;
    /** Decimal places of a quantity. */
    public static final int QUANTITY_SCALE = 4;
    /** Decimal places of a percentage (discounts, tax rates). */
    public static final int PERCENT_SCALE = 4;
    /** Decimal places of an exchange rate (home currency units per one foreign unit). */
    public static final int EXCHANGE_RATE_SCALE = 6;
    /**
     * Digits before the decimal point a host value may have: far beyond any invoice (a thousand trillion), and
     * checked before any rescaling, because rescaling {@code 1E+99999999} to four places builds a number of a
     * hundred million digits and holds the host's thread for minutes.
     */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** How computed values are rounded. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private MoneyRules() {
    }

    /**
     * An amount handed over by the host, normalised to {@link #AMOUNT_SCALE}.
     *
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it has more than two decimal places
     */
    public static BigDecimal amount(BigDecimal value, String what) {
        return exact(value, AMOUNT_SCALE, what);
    }

    /** A unit price handed over by the host, normalised to {@link #UNIT_PRICE_SCALE}. */
    public static BigDecimal unitPrice(BigDecimal value, String what) {
        return exact(value, UNIT_PRICE_SCALE, what);
    }

    /** A quantity handed over by the host, normalised to {@link #QUANTITY_SCALE}. */
    public static BigDecimal quantity(BigDecimal value, String what) {
        return exact(value, QUANTITY_SCALE, what);
    }

    /** A percentage handed over by the host, normalised to {@link #PERCENT_SCALE}. */
    public static BigDecimal percent(BigDecimal value, String what) {
        return exact(value, PERCENT_SCALE, what);
    }

    /** An exchange rate handed over by the host, normalised to {@link #EXCHANGE_RATE_SCALE}. */
    public static BigDecimal exchangeRate(BigDecimal value, String what) {
        BigDecimal rate = exact(value, EXCHANGE_RATE_SCALE, what);
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return rate;
    }

    /** A value this product computed, rounded to an amount. */
    public static BigDecimal round(BigDecimal computed) {
        return Objects.requireNonNull(computed, "computed").setScale(AMOUNT_SCALE, ROUNDING);
    }

    private static BigDecimal exact(BigDecimal value, int scale, String what) {
        Objects.requireNonNull(value, what);
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(what + " is too large: more than " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException tooPrecise) {
            throw new IllegalArgumentException(
                    what + " has more than " + scale + " decimal places: " + value.toPlainString(), tooPrecise);
        }
    }
}
