package io.fieldsync.accounting.sandbox.qbo.ledger;

/** Told of every change of every company, after it was applied, while the company is still locked. */
@FunctionalInterface
public interface ChangeListener {

    void changed(CompanyChange change);
}
