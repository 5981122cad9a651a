package io.fieldsync.accounting.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One line of an invoice or credit note.
 *
 * @param description what was sold, as printed on the invoice
 * @param quantity quantity, up to four decimal places; negative for a correction line
 * @param unitPrice unit price in the document's currency, up to four decimal places
 * @param discountPercent discount in percent (0-100), or null for none
 * @param category the {@link ProductCategory} (standard or host-defined) that picks the revenue account
 * @param taxRateIds the host's tax rates applied to this line; several when taxes stack (GST + PST);
 *                   empty for an untaxed line. Each must map to an active remote tax rate.
 * @param itemCode the host's item code, or null; used when the category or item is mapped to a remote item
 */
public record InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                          String category, List<String> taxRateIds, String itemCode) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Validates and normalises the numbers. */
    public InvoiceLine {
        description = description == null ? "" : description.strip();
        quantity = MoneyRules.quantity(quantity, "quantity");
        unitPrice = MoneyRules.unitPrice(unitPrice, "unit price");
        if (discountPercent != null) {
            discountPercent = MoneyRules.percent(discountPercent, "discount percent");
            if (discountPercent.signum() < 0 || discountPercent.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("discount percent must be between 0 and 100: " + discountPercent);
            }
        }
        category = category == null || category.isBlank() ? ProductCategory.OTHER : category.strip();
        taxRateIds = List.copyOf(Objects.requireNonNullElse(taxRateIds, List.of()));
        itemCode = HostIds.optional(itemCode);
    }

    /** A line with no discount and no item code. */
    public static InvoiceLine of(String description, BigDecimal quantity, BigDecimal unitPrice,
                                 String category, List<String> taxRateIds) {
        return new InvoiceLine(description, quantity, unitPrice, null, category, taxRateIds, null);
    }

    /** Quantity times unit price, less the discount, rounded by {@link MoneyRules}; before tax or including it, as the document says. */
    public BigDecimal lineAmount() {
        BigDecimal gross = quantity.multiply(unitPrice);
        if (discountPercent != null) {
            gross = gross.subtract(gross.multiply(discountPercent).divide(HUNDRED));
        }
        return MoneyRules.round(gross);
    }
}
