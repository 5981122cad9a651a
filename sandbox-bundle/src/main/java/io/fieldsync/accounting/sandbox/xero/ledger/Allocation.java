package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Part of a credit note applied to an invoice. */
public record Allocation(UUID id, CreditNote creditNote, Invoice invoice, BigDecimal amount, LocalDate date) {
}
