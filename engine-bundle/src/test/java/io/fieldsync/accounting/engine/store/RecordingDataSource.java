package io.fieldsync.accounting.engine.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

/**
 * A DataSource that writes down what the engine does with its connections, in order: each
 * {@code commit}, {@code rollback} and each SQL statement run through a plain {@link Statement}.
 * {@link #reportingProduct} makes it pass for another database.
 */
final class RecordingDataSource {

    final List<String> events = new CopyOnWriteArrayList<>();
    private final DataSource target;
    private final String product;
    private final String settingValue;

    private RecordingDataSource(DataSource target, String product, String settingValue) {
        this.target = target;
        this.product = product;
        this.settingValue = settingValue;
    }

    static RecordingDataSource around(DataSource target) {
        return new RecordingDataSource(target, null, null);
    }

    /** Around {@code target}, but its metadata calls the database {@code product}, and every {@code SHOW} answers {@code settingValue}. */
    static RecordingDataSource reportingProduct(DataSource target, String product, String settingValue) {
        return new RecordingDataSource(target, product, settingValue);
    }

    DataSource dataSource() {
        return proxy(DataSource.class, target, (method, args) -> {
            Object result = invoke(target, method, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            switch (method.getName()) {
                case "commit", "rollback" -> events.add(method.getName());
                default -> {
                }
            }
            Object result = invoke(connection, method, args);
            return switch (method.getName()) {
                case "createStatement" -> statement((Statement) result);
                case "getMetaData" -> product == null ? result : metadata((DatabaseMetaData) result);
                default -> result;
            };
        });
    }

    private Statement statement(Statement statement) {
        return proxy(Statement.class, statement, (method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql) {
                events.add(sql);
                if (product != null && sql.startsWith("SHOW ")) {
                    return invoke(statement, method, new Object[] {"SELECT '" + settingValue + "'"});
                }
            }
            return invoke(statement, method, args);
        });
    }

    private DatabaseMetaData metadata(DatabaseMetaData metadata) {
        return proxy(DatabaseMetaData.class, metadata, (method, args) ->
                method.getName().equals("getDatabaseProductName") ? product : invoke(metadata, method, args));
    }

    private interface Call {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> call.handle(method, args);
        return type.cast(Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
