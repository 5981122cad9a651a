package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Line and document totals as Xero computes them: tax per line from the rate's EffectiveRate, rounded to 2 dp
 * per line, totals as sums of the rounded lines.
 * <ul>
 *   <li>Exclusive: tax = LineAmount × rate / 100; SubTotal = Σ LineAmount; Total = SubTotal + TotalTax.</li>
 *   <li>Inclusive: tax = LineAmount × rate / (100 + rate); Total = Σ LineAmount; SubTotal = Total − TotalTax.</li>
 *   <li>NoTax: tax = 0.</li>
 * </ul>
 */
public final class TaxCalculator {

    private TaxCalculator() {
    }

    /** LineAmount = Quantity × UnitAmount × (1 − DiscountRate/100), or − DiscountAmount (spec, LineItem). */
    public static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitAmount, BigDecimal discountRate,
                                        BigDecimal discountAmount) {
        BigDecimal gross = quantity.multiply(unitAmount);
        if (discountRate != null) {
            gross = gross.multiply(Money.HUNDRED.subtract(discountRate)).divide(Money.HUNDRED, MathContext.DECIMAL64);
        } else if (discountAmount != null) {
            gross = gross.subtract(discountAmount);
        }
        return Money.round(gross);
    }

    public static BigDecimal lineTax(BigDecimal lineAmount, LineAmountType type, TaxRate rate) {
        if (type == LineAmountType.NoTax || rate == null || rate.effectiveRate().signum() == 0) {
            return Money.ZERO;
        }
        BigDecimal r = rate.effectiveRate();
        BigDecimal tax = type == LineAmountType.Inclusive
                ? lineAmount.multiply(r).divide(Money.HUNDRED.add(r), MathContext.DECIMAL64)
                : lineAmount.multiply(r).divide(Money.HUNDRED, MathContext.DECIMAL64);
        return Money.round(tax);
    }

    public static Totals totals(List<LineItem> lines, LineAmountType type) {
        BigDecimal lineSum = Money.ZERO;
        BigDecimal tax = Money.ZERO;
        BigDecimal discount = Money.ZERO;
        for (LineItem line : lines) {
            lineSum = lineSum.add(line.lineAmount());
            tax = tax.add(line.taxAmount());
            discount = discount.add(line.grossAmount().subtract(line.lineAmount()));
        }
        BigDecimal subTotal = type == LineAmountType.Inclusive ? lineSum.subtract(tax) : lineSum;
        return new Totals(Money.round(subTotal), Money.round(tax), Money.round(subTotal.add(tax)), Money.round(discount));
    }
}
