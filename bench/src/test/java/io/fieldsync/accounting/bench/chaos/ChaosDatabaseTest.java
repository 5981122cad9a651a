package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.apache.commons.dbcp2.PoolingDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theNodesReachADurablePostgresqlByUrlThroughTheDbcp2PoolPaxJdbcBuilds() throws Exception {
        try (ChaosDatabase database = ChaosDatabase.start(dir.resolve("postgresql"));
             JournalPool pool = JournalPool.open(database.journalUrl())) {

            assertThat(database.describe()).contains("fsync on", "synchronous_commit on");
            assertThat(pool.dataSource()).isInstanceOf(PoolingDataSource.class);
            try (Connection connection = pool.dataSource().getConnection(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_database()")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo(ChaosDatabase.DATABASE);
            }
        }
        assertThat(dir.resolve("postgresql").resolve("PG_VERSION")).exists();
    }
}
