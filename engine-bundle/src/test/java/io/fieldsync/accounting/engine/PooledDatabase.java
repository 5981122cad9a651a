package io.fieldsync.accounting.engine;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * A database seen through the DBCP2 pool the way pax-jdbc-pool-dbcp2 wraps a driver's DataSource (default
 * {@link GenericObjectPoolConfig}, as with {@code pool = dbcp2} and no {@code pool.*} keys): PostgreSQL starts a
 * process per connection, so without a pool every transaction of the engine would pay for one.
 */
final class PooledDatabase implements FreshDatabase {

    private final PoolingDataSource<PoolableConnection> pool;
    private final Runnable drop;

    PooledDatabase(DataSource connections, Runnable drop) {
        PoolableConnectionFactory factory = new PoolableConnectionFactory(new DataSourceConnectionFactory(connections), null);
        GenericObjectPool<PoolableConnection> objects = new GenericObjectPool<>(factory);
        objects.setConfig(new GenericObjectPoolConfig<>());
        factory.setPool(objects);
        this.pool = new PoolingDataSource<>(objects);
        this.drop = drop;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        drop.run();
    }
}
