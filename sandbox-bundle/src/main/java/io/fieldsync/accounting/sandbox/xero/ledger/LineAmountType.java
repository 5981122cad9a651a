package io.fieldsync.accounting.sandbox.xero.ledger;

import java.util.Optional;

/** How line amounts relate to tax; the wire names are Xero's ({@code Exclusive} is the default). */
public enum LineAmountType {
    Exclusive, Inclusive, NoTax;

    public static Optional<LineAmountType> parse(String text) {
        for (LineAmountType t : values()) {
            if (t.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
