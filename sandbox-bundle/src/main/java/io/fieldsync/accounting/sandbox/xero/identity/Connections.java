package io.fieldsync.accounting.sandbox.xero.identity;

import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which organisations each user has connected to which app. A reconnect keeps the connection's id and creation
 * date and moves its update date (identity spec, Connection.updatedDateUtc). An API call for a tenant without a
 * connection is answered 403.
 */
public final class Connections {

    private final Clock clock;
    private final List<Connection> connections = new ArrayList<>();

    public Connections(Clock clock) {
        this.clock = clock;
    }

    public synchronized Connection connect(String clientId, String userId, Organisation org, UUID authEventId) {
        Instant now = clock.instant();
        Optional<Connection> existing = find(clientId, userId, org.tenantId());
        Connection c = existing
                .map(old -> new Connection(old.id(), clientId, userId, org.tenantId(), org.name(), "ORGANISATION",
                        authEventId, old.created(), now))
                .orElseGet(() -> new Connection(UUID.randomUUID(), clientId, userId, org.tenantId(), org.name(),
                        "ORGANISATION", authEventId, now, now));
        existing.ifPresent(connections::remove);
        connections.add(c);
        return c;
    }

    public synchronized List<Connection> of(String clientId, String userId) {
        return connections.stream().filter(c -> c.clientId().equals(clientId) && c.userId().equals(userId)).toList();
    }

    public synchronized boolean allows(String clientId, String userId, UUID tenantId) {
        return find(clientId, userId, tenantId).isPresent();
    }

    public synchronized boolean remove(String clientId, String userId, UUID connectionId) {
        return connections.removeIf(c -> c.id().equals(connectionId) && c.clientId().equals(clientId)
                && c.userId().equals(userId));
    }

    public synchronized void removeAll(String clientId, String userId) {
        connections.removeIf(c -> c.clientId().equals(clientId) && c.userId().equals(userId));
    }

    public synchronized void removeEverything() {
        connections.clear();
    }

    private Optional<Connection> find(String clientId, String userId, UUID tenantId) {
        return connections.stream()
                .filter(c -> c.clientId().equals(clientId) && c.userId().equals(userId) && c.tenantId().equals(tenantId))
                .findFirst();
    }
}
