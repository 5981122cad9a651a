package io.fieldsync.accounting.sandbox.qbo.control;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One invoice as the sandbox's ledger held it when it was read. QBO has no invoice status: {@code balance} zero means
 * settled, unless {@code voided} (a voided invoice also has total and balance zero).
 */
public record QboInvoiceSnapshot(String id, String docNumber, String syncToken, String customerId,
                                 String customerName, LocalDate txnDate, LocalDate dueDate, BigDecimal totalAmt,
                                 BigDecimal totalTax, BigDecimal balance, boolean voided) {
}
