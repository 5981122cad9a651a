package io.fieldsync.accounting.sandbox.xero.ledger;

/** Told about every change worth a webhook. Called under the organisation's lock: must not block. */
@FunctionalInterface
public interface LedgerListener {

    void changed(LedgerChange change);
}
