package io.fieldsync.accounting.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * ({@code PooledDataSourceFactory.createPoolingDataSource}: default {@link GenericObjectPoolConfig}, no
 * {@code pool.*} keys are shipped).
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
        GenericObjectPool<PoolableConnection> pool = new GenericObjectPool<>(connections);
        pool.setConfig(new GenericObjectPoolConfig<>());
        connections.setPool(pool);
        dataSource = new PoolingDataSource<>(pool);
    }

    /** Opens the shipped journal with Karaf's data folder at {@code karafData}. */
    public static ShippedJournal open(Path karafData) {
        return new ShippedJournal(datasourceConfig(), karafData);
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
