package io.fieldsync.accounting.sandbox.qbo.control;

/** How many non-deleted documents of each kind a company holds (voided ones count: they still exist). */
public record QboLedgerCounts(int customers, int invoices, int creditMemos, int payments) {
}
