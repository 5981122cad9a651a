package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts: decimals rounded half-up to cents, in this one place; reading them from request JSON. */
public final class QboMoney {

    /** QBO's tolerance when it checks Amount against Qty × UnitPrice (the agreement: within 0.01). */
    public static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private QboMoney() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** The decimal at {@code field}, or null when absent; a non-number is QBO's 2170-like refusal. */
    public static BigDecimal read(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().strip());
        } catch (NumberFormatException e) {
            throw QboFault.business(field + " must be a number: " + v.asText(), field);
        }
    }

    /** The value of a reference field ({@code {"value":"42"}}), or null. */
    public static String refValue(JsonNode parent, String field) {
        JsonNode v = parent.path(field).path("value");
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
