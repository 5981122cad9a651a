package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A product or service with its sales defaults (unit price, account, tax type). */
public record Item(UUID id, String code, String name, String description, BigDecimal salesUnitPrice,
                   String salesAccountCode, String salesTaxType, Instant updated) {

    public Item {
        Objects.requireNonNull(id);
        Objects.requireNonNull(code);
    }
}
