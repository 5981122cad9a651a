package io.fieldsync.accounting.sandbox.qbo.control;

import java.util.Objects;

/** One QBO company the sandbox hosts: its realm id (the company id in every API path) and its name. */
public record SandboxRealm(String realmId, String companyName) {

    public SandboxRealm {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(companyName, "companyName");
    }
}
