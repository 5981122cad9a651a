package io.fieldsync.accounting.sandbox.xero.control;

import java.util.Objects;
import java.util.UUID;

/** An organisation the sandbox hosts: its tenant id is what clients send as {@code xero-tenant-id}. */
public record SandboxTenant(UUID tenantId, String name) {

    public SandboxTenant {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
    }
}
