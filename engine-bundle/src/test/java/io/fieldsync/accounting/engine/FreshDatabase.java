package io.fieldsync.accounting.engine;

import javax.sql.DataSource;

/** An empty database of one test (or one bench run), gone when closed. */
public interface FreshDatabase extends AutoCloseable {

    DataSource dataSource();

    @Override
    void close();
}
