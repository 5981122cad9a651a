package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.SyncError;

/**
 * A line's discount as the company can take it. With discounts on (Preferences SalesFormsPrefs.AllowDiscount,
 * "Enable specifying Discount", Finance.xsd) the line carries {@code DiscountRate} and QBO checks Amount = Qty ×
 * UnitPrice less it. With them off QBO takes no discount on a line, so the discount goes into the price: the net
 * unit price, at the four decimals host prices have, when Qty × that price comes to the line's amount within half a
 * cent (QBO allows 0.01); a line no such price can carry fails its document, naming the setting to turn on.
 */
final class QboLineDiscounts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");
    private static final int PRICE_DECIMALS = 4;

    private QboLineDiscounts() {
    }

    /**
     * What a line is sent with.
     *
     * @param unitPrice the UnitPrice
     * @param discountRate the DiscountRate, or null for none
     */
    record Priced(BigDecimal unitPrice, BigDecimal discountRate) {
    }

    /**
     * @param document how the admin knows the document, e.g. "invoice FS-1001"
     * @throws DocumentRefused when discounts are off and no net price of four decimals comes to the line's amount
     */
    static Priced price(InvoiceLine line, boolean discountsAllowed, String document) {
        if (line.discountPercent() == null) {
            return new Priced(line.unitPrice(), null);
        }
        if (discountsAllowed) {
            return new Priced(line.unitPrice(), line.discountPercent());
        }
        BigDecimal net = line.unitPrice().multiply(HUNDRED.subtract(line.discountPercent()))
                .divide(HUNDRED, PRICE_DECIMALS, RoundingMode.HALF_UP);
        if (line.quantity().multiply(net).subtract(line.lineAmount()).abs().compareTo(HALF_CENT) > 0) {
            throw new DocumentRefused(new SyncError(ErrorCode.VALIDATION_FAILED, "Line '" + line.description() + "' of " + document
                    + " has a " + line.discountPercent().stripTrailingZeros().toPlainString() + "% discount, and this QuickBooks company "
                    + "has discounts turned off, so the discount would have to go into the price; no price of " + PRICE_DECIMALS
                    + " decimals makes " + line.quantity().stripTrailingZeros().toPlainString() + " of them come to "
                    + line.lineAmount().toPlainString() + ". Turn discounts on in QuickBooks (Account and settings → Sales → Discount), "
                    + "then retry.", "SalesFormsPrefs.AllowDiscount is false"));
        }
        return new Priced(net, null);
    }
}
