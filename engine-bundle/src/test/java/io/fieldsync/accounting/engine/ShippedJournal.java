package io.fieldsync.accounting.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The journal's DataSource exactly as a Karaf with the {@code accounting-core} feature gets it: the
 * {@code org.ops4j.datasource-accounting} configuration read from the feature file itself (so a change
 * there is what the tests and the bench run against), {@code ${karaf.data}} pointed at a folder, H2's
 * DataSource wrapped in the DBCP2 pool the way pax-jdbc-pool-dbcp2 1.5.7 wraps it
 * ({@code DbcpPooledDataSourceFactory.create}: {@code pool.*} keys set on a {@link GenericObjectPoolConfig},
 * {@code factory.*} keys on the {@link PoolableConnectionFactory}, each through the setter of that name, as its
 * {@code BeanConfig} does).
 */
public final class ShippedJournal implements AutoCloseable {

    private static final Path FEATURE = Path.of("karaf-feature", "src", "main", "feature", "feature.xml");
    private static final Pattern DATASOURCE_CONFIG =
            Pattern.compile("<config name=\"org\\.ops4j\\.datasource-accounting\">(.*?)</config>", Pattern.DOTALL);

    private final String url;
    private final PoolingDataSource<PoolableConnection> dataSource;

    private ShippedJournal(Map<String, String> config, Path karafData) {
        this.url = config.get("url").replace("${karaf.data}", karafData.toString());
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(config.get("user"));
        h2.setPassword(config.getOrDefault("password", ""));
        PoolableConnectionFactory connections = new PoolableConnectionFactory(new DataSourceConnectionFactory(h2), null);
        configure(connections, config, "factory.");
        GenericObjectPoolConfig<PoolableConnection> poolConfig = new GenericObjectPoolConfig<>();
        configure(poolConfig, config, "pool.");
        GenericObjectPool<PoolableConnection> pool = new GenericObjectPool<>(connections);
        pool.setConfig(poolConfig);
        connections.setPool(pool);
        dataSource = new PoolingDataSource<>(pool);
    }

    /** As pax-jdbc's {@code BeanConfig}: each {@code prefix + name} key through the bean's {@code setName} setter. */
    private static void configure(Object bean, Map<String, String> config, String prefix) {
        config.forEach((key, value) -> {
            if (!key.startsWith(prefix)) {
                return;
            }
            String name = key.substring(prefix.length());
            String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            Method method = Arrays.stream(bean.getClass().getMethods())
                    .filter(candidate -> candidate.getName().equals(setter) && candidate.getParameterCount() == 1)
                    .filter(candidate -> converted(candidate.getParameterTypes()[0], value) != null)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no setter " + setter + " on " + bean.getClass().getName() + " for " + key));
            try {
                method.invoke(bean, converted(method.getParameterTypes()[0], value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot set " + key + " = " + value, e);
            }
        });
    }

    private static Object converted(Class<?> type, String value) {
        if (type == String.class) {
            return value;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(value);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(value);
        }
        return null;
    }

    /** Opens the shipped journal with Karaf's data folder at {@code karafData}. */
    public static ShippedJournal open(Path karafData) {
        return open(datasourceConfig(), karafData);
    }

    /** Opens a journal from {@code config}, keys as in {@link #datasourceConfig()}, with Karaf's data folder at {@code karafData}. */
    public static ShippedJournal open(Map<String, String> config, Path karafData) {
        return new ShippedJournal(config, karafData);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL with {@code ${karaf.data}} resolved. */
    public String url() {
        return url;
    }

    /** The feature's {@code org.ops4j.datasource-accounting} configuration, key by key. */
    public static Map<String, String> datasourceConfig() {
        Matcher config = DATASOURCE_CONFIG.matcher(read(featureFile()));
        if (!config.find()) {
            throw new IllegalStateException("no org.ops4j.datasource-accounting config in " + featureFile());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : config.group(1).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                properties.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return properties;
    }

    /** The feature file, found from the working directory up: Maven runs tests in the module, the bench in the root. */
    static Path featureFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FEATURE))) {
                return dir.resolve(FEATURE);
            }
        }
        throw new IllegalStateException("cannot find " + FEATURE + " above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the pool's connections; H2 closes the database with the last one. */
    @Override
    public void close() throws Exception {
        dataSource.close();
    }
}
