package io.fieldsync.accounting.sandbox.xero.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One account of the chart of accounts. */
public record Account(UUID id, String code, String name, String type, String taxType, boolean enablePaymentsToAccount,
                      String status, String bankAccountNumber, String systemAccount, String description, Instant updated) {

    public Account {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(status);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean bank() {
        return "BANK".equals(type);
    }

    /** Payments can go only to BANK accounts or accounts with EnablePaymentsToAccount (spec, Account). */
    public boolean acceptsPayments() {
        return active() && (bank() || enablePaymentsToAccount);
    }

    /** The account class Xero derives from the type. */
    public String accountClass() {
        return switch (type) {
            case "BANK", "CURRENT", "FIXED", "INVENTORY", "NONCURRENT", "PREPAYMENT" -> "ASSET";
            case "CURRLIAB", "LIABILITY", "TERMLIAB", "PAYG" -> "LIABILITY";
            case "EQUITY" -> "EQUITY";
            case "REVENUE", "SALES", "OTHERINCOME" -> "REVENUE";
            default -> "EXPENSE";
        };
    }

    public boolean revenue() {
        return "REVENUE".equals(accountClass());
    }
}
