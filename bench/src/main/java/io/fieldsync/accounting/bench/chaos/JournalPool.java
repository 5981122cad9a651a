package io.fieldsync.accounting.bench.chaos;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The journal's DataSource as the engine gets it in Karaf: for the shipped H2 file, a pool that keeps the database
 * open; for PostgreSQL, pgjdbc's {@link PGSimpleDataSource} (what pax-jdbc-postgresql's factory makes from the
 * {@code url}) inside the DBCP2 pool pax-jdbc-pool-dbcp2 wraps it in (default {@link GenericObjectPoolConfig}, as with
 * {@code pool = dbcp2} and no {@code pool.*} keys).
 */
final class JournalPool implements AutoCloseable {

    private final DataSource dataSource;
    private final AutoCloseable closer;

    private JournalPool(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.closer = closer;
    }

    static JournalPool open(String url) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
            return new JournalPool(pool, pool::dispose);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource driver = new PGSimpleDataSource();
            driver.setUrl(url);
            PoolableConnectionFactory factory = new PoolableConnectionFactory(new DataSourceConnectionFactory(driver), null);
            GenericObjectPool<PoolableConnection> objects = new GenericObjectPool<>(factory);
            objects.setConfig(new GenericObjectPoolConfig<>());
            factory.setPool(objects);
            PoolingDataSource<PoolableConnection> pool = new PoolingDataSource<>(objects);
            return new JournalPool(pool, pool::close);
        }
        throw new IllegalArgumentException("the chaos run's journal is H2 or PostgreSQL, not " + url);
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (SQLException e) {
            throw new IllegalStateException("the journal's pool did not close", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
