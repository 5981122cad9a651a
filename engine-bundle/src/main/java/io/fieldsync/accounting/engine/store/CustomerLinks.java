package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;

/**
 * Which remote contact each host customer is, per accounting system, the customer content it was linked with,
 * and the name the host knows it by (for two-way name sync).
 */
public final class CustomerLinks {

    /** A stored link. */
    public record Link(String remoteId, String customerHash) {
    }

    /** A host customer linked to a remote contact, and the name the host last knew it by. */
    public record NamedLink(String hostCustomerId, String remoteId, String knownName) {
    }

    private static final String FIND = "SELECT remote_id, customer_hash FROM customer_links "
            + "WHERE company_id = ? AND provider = ? AND host_customer_id = ?";
    private static final String UPDATE = "UPDATE customer_links SET remote_id = ?, customer_hash = ?, linked_at = ?, known_name = ? "
            + "WHERE company_id = ? AND provider = ? AND host_customer_id = ?";
    private static final String INSERT = "INSERT INTO customer_links (remote_id, customer_hash, linked_at, known_name, company_id, "
            + "provider, host_customer_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_REMOTE = "SELECT host_customer_id, remote_id, known_name FROM customer_links "
            + "WHERE company_id = ? AND provider = ? AND remote_id = ?";
    private static final String RENAME = "UPDATE customer_links SET known_name = ? "
            + "WHERE company_id = ? AND provider = ? AND host_customer_id = ?";

    private final Database database;

    public CustomerLinks(Database database) {
        this.database = database;
    }

    /** The link of a host customer with {@code provider}. */
    public Optional<Link> find(CompanyId company, String provider, String hostCustomerId) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(FIND)) {
                query.setString(1, company.value());
                query.setString(2, provider);
                query.setString(3, hostCustomerId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new Link(row.getString(1), row.getString(2))) : Optional.<Link>empty();
                }
            }
        });
    }

    /** The host customers linked to any of {@code remoteIds}. */
    public List<NamedLink> linkedTo(CompanyId company, String provider, Collection<String> remoteIds) {
        return database.transaction(connection -> {
            List<NamedLink> links = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(BY_REMOTE)) {
                for (String remoteId : remoteIds) {
                    query.setString(1, company.value());
                    query.setString(2, provider);
                    query.setString(3, remoteId);
                    try (ResultSet row = query.executeQuery()) {
                        while (row.next()) {
                            links.add(new NamedLink(row.getString(1), row.getString(2), row.getString(3)));
                        }
                    }
                }
            }
            return links;
        });
    }

    /**
     * Links a host customer to a remote contact.
     *
     * @param name the name the host knows the customer by
     */
    public void link(CompanyId company, String provider, String hostCustomerId, String remoteId, String customerHash, String name,
                     Instant at) {
        database.transaction(connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                bind(update, remoteId, customerHash, at, name, company, provider, hostCustomerId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    bind(insert, remoteId, customerHash, at, name, company, provider, hostCustomerId);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Forgets the link of a host customer with {@code provider}: its next invoice finds or creates its contact again. */
    public void unlink(CompanyId company, String provider, String hostCustomerId) {
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM customer_links WHERE company_id = ? AND provider = ? AND host_customer_id = ?")) {
                delete.setString(1, company.value());
                delete.setString(2, provider);
                delete.setString(3, hostCustomerId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Remembers that the host now knows the customer as {@code name}. */
    public void rename(CompanyId company, String provider, String hostCustomerId, String name) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RENAME)) {
                update.setString(1, name);
                update.setString(2, company.value());
                update.setString(3, provider);
                update.setString(4, hostCustomerId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, String remoteId, String hash, Instant at, String name, CompanyId company,
                             String provider, String hostCustomerId) throws java.sql.SQLException {
        statement.setString(1, remoteId);
        statement.setString(2, hash);
        Database.setInstant(statement, 3, at);
        statement.setString(4, name);
        statement.setString(5, company.value());
        statement.setString(6, provider);
        statement.setString(7, hostCustomerId);
    }
}
