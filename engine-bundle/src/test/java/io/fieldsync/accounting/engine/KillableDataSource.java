package io.fieldsync.accounting.engine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * One node's view of a shared database that dies with the node: once {@link #kill() killed}, no new connection opens
 * and every call on an open one fails (closing it aside), as for a Karaf JVM killed with {@code kill -9}, whose
 * sessions the database then ends. The other nodes' views of the same database go on.
 */
public final class KillableDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean dead;

    public KillableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public void kill() {
        dead = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseIfDead();
        Connection connection = delegate.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("close") && !method.getName().equals("rollback")) {
                        refuseIfDead();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void refuseIfDead() throws SQLException {
        if (dead) {
            throw new SQLException("this node was killed", "08006");
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
