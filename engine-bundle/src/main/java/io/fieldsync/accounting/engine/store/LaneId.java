package io.fieldsync.accounting.engine.store;

import java.util.Objects;

import io.fieldsync.accounting.api.CompanyId;

/**
 * One connection, and so one lane: a company with one accounting system (maybe not installed, or
 * {@value CompanyProviders#NONE}). The unit the journal finds work for, a node leases ({@link LaneLeases}) and the
 * dispatcher paces and schedules. A lane sends one round at a time (exactly once and invoice-before-payment rely on
 * it); lanes run side by side.
 */
public record LaneId(CompanyId company, String provider) {

    /** Validates the parts. */
    public LaneId {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String toString() {
        return company.value() + "/" + provider;
    }
}
