package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * One organisation (Xero tenant, QuickBooks realm) an authorisation gives access to.
 *
 * @param tenantId the accounting system's id for it
 * @param name its name, as shown to the admin
 */
public record Organisation(String tenantId, String name) {

    /** Validates the parts. */
    public Organisation {
        Objects.requireNonNull(tenantId, "tenant id");
        Objects.requireNonNull(name, "name");
    }
}
