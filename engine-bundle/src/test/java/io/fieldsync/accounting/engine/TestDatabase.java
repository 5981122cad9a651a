package io.fieldsync.accounting.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the journal runs on, for tests that must hold on each ({@code @ParameterizedClass
 * @EnumSource(TestDatabase.class)}): the embedded H2 Karaf gets by default, and PostgreSQL for nodes that share one.
 */
public enum TestDatabase {

    /** An in-memory H2 of the version the feature ships. */
    H2 {
        @Override
        public FreshDatabase fresh() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return new FreshDatabase() {
                @Override
                public DataSource dataSource() {
                    return h2;
                }

                @Override
                public void close() {
                    try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
                        statement.execute("SHUTDOWN");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }
    },

    /** A fresh database on the real PostgreSQL server the tests share ({@link PostgresServer#forTests()}). */
    POSTGRESQL {
        @Override
        public FreshDatabase fresh() {
            return PostgresServer.forTests().freshDatabase();
        }
    };

    /** An empty database of this kind; close it after the test. */
    public abstract FreshDatabase fresh();
}
