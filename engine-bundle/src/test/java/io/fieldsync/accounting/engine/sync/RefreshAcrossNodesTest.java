package io.fieldsync.accounting.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/** Two nodes sharing one journal find the same access token refused at once: only one of them asks the vendor. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RefreshAcrossNodesTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase journal;

    private TestEngine one;
    private TestEngine two;
    private final ExecutorService callers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        two.close();
        one.close();
    }

    @Test
    @Timeout(120)
    void twoNodesRefreshingOneConnectionAtOnceCallTheTokenEndpointOnceAndBothUseItsTokens() throws Exception {
        journal = kind.fresh();
        one = new TestEngine(keys, "xero", journal.dataSource());
        two = new TestEngine(keys, "xero", journal.dataSource());
        ScriptedProvider xeroOfOne = one.install(new ScriptedProvider("xero"));
        ScriptedProvider xeroOfTwo = two.install(new ScriptedProvider("xero"));
        one.connect(ACME);
        ProviderSession sessionOfOne = one.dispatcher.session(ACME, one.directory.active().orElseThrow());
        ProviderSession sessionOfTwo = two.dispatcher.session(ACME, two.directory.active().orElseThrow());
        String refused = sessionOfOne.accessToken();
        assertThat(sessionOfTwo.accessToken()).isEqualTo(refused);
        xeroOfOne.holdRefreshes = new CountDownLatch(1);

        Future<String> refreshedByOne = callers.submit(() -> sessionOfOne.refreshedAccessToken(refused));
        assertThat(xeroOfOne.refreshStarted.await(60, TimeUnit.SECONDS)).isTrue();
        Future<String> refreshedByTwo = callers.submit(() -> sessionOfTwo.refreshedAccessToken(refused));
        awaitASessionBlockedOnALock();
        xeroOfOne.holdRefreshes.countDown();

        String tokenOfOne = refreshedByOne.get(60, TimeUnit.SECONDS);
        assertThat(refreshedByTwo.get(60, TimeUnit.SECONDS)).isEqualTo(tokenOfOne).isNotEqualTo(refused);
        assertThat(xeroOfOne.refreshes.get() + xeroOfTwo.refreshes.get()).isEqualTo(1);
    }

    /** Node two's refresh waits on node one's lock in the database (not merely somewhere before it). */
    private void awaitASessionBlockedOnALock() throws Exception {
        String blocked = kind == TestDatabase.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        for (int poll = 0; poll < 6000; poll++) {
            try (Connection connection = journal.dataSource().getConnection(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(blocked)) {
                row.next();
                if (row.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("node two never waited for node one's refresh lock");
    }
}
