package io.fieldsync.accounting.engine.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.engine.Configs;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/** The polling backstop at each company's own interval, else the node's. */
class PollingIntervalTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId BETA = CompanyId.of("beta");

    @TempDir
    Path keys;

    @AutoClose
    FreshDatabase database;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void connectTwoCompanies() {
        database = TestDatabase.H2.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        engine.connect(ACME);
        engine.connect(BETA);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    private static SyncSettings pollingEvery(Integer minutes) {
        return new SyncSettings(InvoiceStatusOnPush.APPROVED, true, false, true, true, minutes);
    }

    /** The tests' configuration with another node-wide polling interval. */
    private static EngineConfiguration nodePollingEvery(int minutes) {
        EngineConfiguration base = Configs.engine("xero");
        return (EngineConfiguration) Proxy.newProxyInstance(EngineConfiguration.class.getClassLoader(),
                new Class<?>[] {EngineConfiguration.class},
                (proxy, method, args) -> method.getName().equals("poll_interval_min") ? minutes : method.invoke(base, args));
    }

    @Test
    void aCompanyWithItsOwnIntervalIsPolledAtItAndAnotherAtTheNodes() {
        engine.remoteUpdates.modified(nodePollingEvery(15));
        engine.setup.saveSettings(ACME, pollingEvery(5));

        engine.clock.advance(Duration.ofMinutes(4));
        engine.remoteUpdates.pollDue();
        assertThat(xero.polledCompanies).as("nobody is due after 4 minutes").isEmpty();

        engine.clock.advance(Duration.ofMinutes(1));
        engine.remoteUpdates.pollDue();
        engine.remoteUpdates.pollDue();
        assertThat(xero.polledCompanies).as("acme at 5 minutes, once").containsExactly(ACME);

        engine.clock.advance(Duration.ofMinutes(10));
        engine.remoteUpdates.pollDue();
        assertThat(xero.polledCompanies).as("at 15 minutes both").containsExactlyInAnyOrder(ACME, ACME, BETA);
    }

    @Test
    void aCompanyPollsAtItsIntervalWhenTheNodesPollingIsOffAndAZeroIntervalNeverPolls() {
        engine.remoteUpdates.modified(nodePollingEvery(0));
        engine.setup.saveSettings(ACME, pollingEvery(30));
        engine.setup.saveSettings(BETA, pollingEvery(0));

        engine.clock.advance(Duration.ofDays(1));
        engine.remoteUpdates.pollDue();

        assertThat(xero.polledCompanies).containsExactly(ACME);
    }

    @Test
    void aCompanyWithoutItsOwnIntervalKeepsTheNodesDefault() {
        engine.remoteUpdates.modified(nodePollingEvery(15));

        engine.clock.advance(Duration.ofMinutes(14));
        engine.remoteUpdates.pollDue();
        engine.clock.advance(Duration.ofMinutes(1));
        engine.remoteUpdates.pollDue();

        assertThat(xero.polledCompanies).containsExactlyInAnyOrder(ACME, BETA);
    }
}
