package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * A ledger account of the accounting system.
 *
 * @param id the accounting system's id
 * @param code the account code the admin knows (Xero {@code Code}, QuickBooks {@code AcctNum}), or null
 * @param name the account name
 * @param type its broad type
 * @param active whether it can be used
 * @param acceptsPayments whether payments can be deposited into it
 */
public record RemoteAccount(String id, String code, String name, AccountType type, boolean active, boolean acceptsPayments) {

    /** Validates the parts. */
    public RemoteAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The key mappings use: the code when there is one, else the id. */
    public String key() {
        return code != null && !code.isBlank() ? code : id;
    }
}
