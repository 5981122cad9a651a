package io.fieldsync.accounting.sandbox.xero.control;

/**
 * How many records one organisation's ledger holds, whatever their status (deleted and voided documents, archived
 * contacts and deleted payments included). Seeded records count too: the demo organisation starts with 3 contacts.
 */
public record LedgerCounts(int contacts, int invoices, int creditNotes, int payments) {
}
