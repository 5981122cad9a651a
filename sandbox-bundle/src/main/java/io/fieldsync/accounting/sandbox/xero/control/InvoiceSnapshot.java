package io.fieldsync.accounting.sandbox.xero.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One invoice as the sandbox's ledger holds it at the moment it was read.
 *
 * @param type   ACCREC (sales invoice) or ACCPAY (bill)
 * @param status Xero's status: DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED or DELETED
 */
public record InvoiceSnapshot(UUID invoiceId, String number, String type, String status, String contactName,
                              String reference, String currencyCode, LocalDate date, LocalDate dueDate,
                              BigDecimal total, BigDecimal amountPaid, BigDecimal amountCredited, BigDecimal amountDue) {
}
