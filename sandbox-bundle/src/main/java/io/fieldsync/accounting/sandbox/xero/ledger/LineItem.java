package io.fieldsync.accounting.sandbox.xero.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One line of an invoice or credit note after calculation: {@code lineAmount} is net of discount,
 * {@code taxAmount} is computed from the tax rate (or the client's override). {@code tracking} is kept as sent.
 */
public record LineItem(UUID id, String description, BigDecimal quantity, BigDecimal unitAmount, String itemCode,
                       String accountCode, UUID accountId, String taxType, BigDecimal taxAmount, BigDecimal lineAmount,
                       BigDecimal discountRate, BigDecimal discountAmount, JsonNode tracking) {

    /** The undiscounted amount, for TotalDiscount. */
    public BigDecimal grossAmount() {
        if (quantity == null || unitAmount == null) {
            return lineAmount;
        }
        return Money.round(quantity.multiply(unitAmount));
    }
}
