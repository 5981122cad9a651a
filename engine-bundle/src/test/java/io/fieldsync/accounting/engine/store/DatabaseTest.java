package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class DatabaseTest {

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase fresh;

    private DataSource dataSource;
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private Database database;

    @BeforeEach
    void openDatabase() throws SQLException {
        fresh = kind.fresh();
        dataSource = fresh.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (id INT PRIMARY KEY)");
        }
        database = new Database(dataSource, () -> steps.add("awaited on disk with " + notesSeenFromOutside() + " note(s) committed"));
    }

    @Test
    void aTransactionWaitsForTheDiskAfterItsCommitAndBeforeItReturns() {
        int inserted = database.transaction(connection -> {
            steps.add("work");
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO note VALUES (1)");
            }
        });

        assertThat(inserted).isEqualTo(1);
        assertThat(steps).containsExactly("work", "awaited on disk with 1 note(s) committed");
    }

    @Test
    void aReadAtTheDoorSeesWhatIsCommittedAndWaitsForNoDisk() {
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO note VALUES (1)");
            }
        });
        steps.clear();

        int notes = database.readAtTheDoor(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM note")) {
                row.next();
                return row.getInt(1);
            }
        });

        assertThat(notes).isEqualTo(1);
        assertThat(steps).isEmpty();
    }

    @Test
    void aRolledBackTransactionWaitsForNoDisk() {
        assertThatThrownBy(() -> database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO note VALUES (1)");
                return statement.executeUpdate("INSERT INTO note VALUES (1)");
            }
        })).isInstanceOf(StoreException.class);

        assertThat(steps).isEmpty();
        assertThat(notesSeenFromOutside()).isZero();
    }

    @Test
    void aTransactionWhoseWorkThrowsWaitsForNoDiskEither() {
        assertThatThrownBy(() -> database.transaction(connection -> {
            throw new IllegalStateException("the work's own failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(steps).isEmpty();
    }

    private int notesSeenFromOutside() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM note")) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
