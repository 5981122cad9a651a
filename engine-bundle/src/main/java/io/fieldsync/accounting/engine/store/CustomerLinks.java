package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;

/** Which remote contact each host customer is, per accounting system, and the customer content it was linked with. */
public final class CustomerLinks {

    /** A stored link. */
    public record Link(String remoteId, String customerHash) {
    }

    private static final String FIND = "SELECT remote_id, customer_hash FROM customer_links "
            + "WHERE company_id = ? AND provider = ? AND host_customer_id = ?";
    private static final String UPDATE = "UPDATE customer_links SET remote_id = ?, customer_hash = ?, linked_at = ? "
            + "WHERE company_id = ? AND provider = ? AND host_customer_id = ?";
    private static final String INSERT = "INSERT INTO customer_links (remote_id, customer_hash, linked_at, company_id, "
            + "provider, host_customer_id) VALUES (?, ?, ?, ?, ?, ?)";

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

    /** Links a host customer to a remote contact. */
    public void link(CompanyId company, String provider, String hostCustomerId, String remoteId, String customerHash, Instant at) {
        database.transaction(connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                bind(update, remoteId, customerHash, at, company, provider, hostCustomerId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    bind(insert, remoteId, customerHash, at, company, provider, hostCustomerId);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, String remoteId, String hash, Instant at, CompanyId company,
                             String provider, String hostCustomerId) throws java.sql.SQLException {
        statement.setString(1, remoteId);
        statement.setString(2, hash);
        Database.setInstant(statement, 3, at);
        statement.setString(4, company.value());
        statement.setString(5, provider);
        statement.setString(6, hostCustomerId);
    }
}
