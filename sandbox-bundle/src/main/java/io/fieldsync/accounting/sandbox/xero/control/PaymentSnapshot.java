package io.fieldsync.accounting.sandbox.xero.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One payment as the sandbox's ledger holds it.
 *
 * @param accountCode the bank (or payment-enabled) account the money went to
 * @param status      AUTHORISED or DELETED
 */
public record PaymentSnapshot(UUID paymentId, UUID invoiceId, String invoiceNumber, LocalDate date, BigDecimal amount,
                              String accountCode, String status) {
}
