package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;

/**
 * Which accounting system each company's new documents go to. A company an admin never chose for follows the
 * provider configured for the whole engine ({@link #byDefault()}), which the provider directory keeps up to date
 * with Config Admin; the journal resolves both when it picks due rows, so unbound rows follow a switch at once.
 */
public final class CompanyProviders {

    /** The provider of a company that has none chosen and of an engine that has none configured. */
    public static final String NONE = "none";

    /**
     * An admin's choice for one company.
     *
     * @param company the company
     * @param provider the provider id chosen (maybe not installed, or {@value #NONE})
     * @param chosenBy who chose it, as the admin API or the shell named them
     * @param chosenAt when
     */
    public record Choice(CompanyId company, String provider, String chosenBy, Instant chosenAt) {
    }

    private static final String FIND = "SELECT company_id, provider, chosen_by, chosen_at FROM company_providers WHERE company_id = ?";
    private static final String ALL = "SELECT company_id, provider, chosen_by, chosen_at FROM company_providers ORDER BY company_id";
    private static final String COMPANIES = "SELECT company_id FROM company_providers UNION SELECT company_id FROM journal "
            + "ORDER BY company_id";
    private static final String UPDATE = "UPDATE company_providers SET provider = ?, chosen_by = ?, chosen_at = ? WHERE company_id = ?";
    private static final String INSERT = "INSERT INTO company_providers (company_id, provider, chosen_by, chosen_at) VALUES (?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM company_providers WHERE company_id = ?";

    private final Database database;
    private volatile String byDefault = NONE;

    public CompanyProviders(Database database) {
        this.database = database;
    }

    /** The provider of every company without a choice of its own: the engine's configured one. */
    public String byDefault() {
        return byDefault;
    }

    /** Sets the provider of every company without a choice of its own (from the engine's configuration). */
    public void useByDefault(String provider) {
        this.byDefault = Objects.requireNonNull(provider, "provider");
    }

    /** The admin's choice for {@code company}, if one was made. */
    public Optional<Choice> find(CompanyId company) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(FIND)) {
                query.setString(1, company.value());
                List<Choice> found = list(query);
                return found.isEmpty() ? Optional.<Choice>empty() : Optional.of(found.get(0));
            }
        });
    }

    /** The provider {@code company}'s unbound documents go to now: its choice, else the default. */
    public String providerOf(CompanyId company) {
        return find(company).map(Choice::provider).orElse(byDefault);
    }

    /** Every company an admin chose a provider for, by id. */
    public List<Choice> all() {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(ALL)) {
                return list(query);
            }
        });
    }

    /** Every company with a choice or with documents, by id. */
    public List<CompanyId> companies() {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COMPANIES); ResultSet rows = query.executeQuery()) {
                List<CompanyId> companies = new ArrayList<>();
                while (rows.next()) {
                    companies.add(CompanyId.of(rows.getString(1)));
                }
                return companies;
            }
        });
    }

    /** Records an admin's choice for a company, replacing the one before. */
    public Choice choose(CompanyId company, String provider, String chosenBy, Instant now) {
        Choice choice = new Choice(company, provider, chosenBy, now);
        try {
            database.transaction(connection -> write(connection, choice));
        } catch (StoreException raced) {
            // another node inserted the company's first choice at the same moment: its row is there now, update it
            database.transaction(connection -> write(connection, choice));
        }
        return choice;
    }

    /** Forgets the company's choice: it follows the default again. Returns true if it had one. */
    public boolean forget(CompanyId company) {
        return database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, company.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static Void write(Connection connection, Choice choice) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, choice.provider());
            update.setString(2, choice.chosenBy());
            Database.setInstant(update, 3, choice.chosenAt());
            update.setString(4, choice.company().value());
            if (update.executeUpdate() == 1) {
                return null;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, choice.company().value());
            insert.setString(2, choice.provider());
            insert.setString(3, choice.chosenBy());
            Database.setInstant(insert, 4, choice.chosenAt());
            insert.executeUpdate();
        }
        return null;
    }

    private static List<Choice> list(PreparedStatement query) throws SQLException {
        List<Choice> choices = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                choices.add(new Choice(CompanyId.of(rows.getString("company_id")), rows.getString("provider"),
                        rows.getString("chosen_by"), Database.instant(rows, "chosen_at")));
            }
        }
        return choices;
    }
}
