package io.fieldsync.accounting.sandbox.xero.ledger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** All organisations the sandbox hosts, by tenant id. */
public final class Organisations {

    private final Map<UUID, Organisation> byTenant = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LedgerListener listener;

    public Organisations(Clock clock, LedgerListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Starts seeding a new organisation; {@link OrganisationBuilder#create()} registers it. */
    public OrganisationBuilder builder(String name) {
        return new OrganisationBuilder(name, clock, this);
    }

    Organisation register(Organisation org) {
        org.listener(listener);
        byTenant.put(org.tenantId(), org);
        return org;
    }

    public Optional<Organisation> get(UUID tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }

    public Optional<Organisation> get(String tenantId) {
        try {
            return get(UUID.fromString(tenantId.trim()));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }

    public List<Organisation> all() {
        return byTenant.values().stream()
                .sorted((a, b) -> a.created().compareTo(b.created()))
                .toList();
    }
}
