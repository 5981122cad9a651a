package io.fieldsync.accounting.api.admin;

/** The broad type of a ledger account, as far as mappings care. */
public enum AccountType {
    /** Sales / income: a target for category mappings. */
    REVENUE,
    /** A bank account (or one that accepts payments): a target for deposit mappings. */
    BANK,
    /** Undeposited funds / clearing: a target for deposit mappings. */
    UNDEPOSITED_FUNDS,
    /** A liability, such as sales tax payable. */
    LIABILITY,
    /** Any other asset. */
    ASSET,
    /** An expense. */
    EXPENSE,
    /** Equity. */
    EQUITY,
    /** Anything else. */
    OTHER
}
