package io.fieldsync.accounting.engine.operations;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** The metrics MBean read as a JMX client reads it, from an MBeanServer, after a sync. */
class AccountingMetricsTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId BOLT = CompanyId.of("bolt");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;
    private MBeanServer server;
    private ObjectName name;

    @BeforeEach
    void register() throws Exception {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        server = MBeanServerFactory.newMBeanServer();
        name = new ObjectName(AccountingMetrics.OBJECT_NAME);
        server.registerMBean(new AccountingMetrics(engine.stores.reports(), engine.stores.syncLog(), engine.directory, engine.dispatcher), name);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void afterASyncTheMBeanShowsSyncedFailedQueuedCallsRateLimitsAndRefreshes() throws Exception {
        xero.invoiceOutcome = push -> push.document().hostId().equals("I-2")
                ? PushOutcome.failed(push.document(), SyncError.of(ErrorCode.VALIDATION_FAILED, "Account code '200' is not valid"))
                : PushOutcome.synced(push.document(), "inv-" + push.document().hostId(), push.invoice().number());
        xero.rejectAccessTokenOnce = true;
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-2")));
        engine.sync.invoiceLocked(ACME, invoice("I-3", customer("C-3")));
        engine.drain();
        // bolt has no connection: its invoice waits in its lane
        engine.sync.invoiceLocked(BOLT, invoice("I-9", customer("C-9")));
        // the calls as the providers log them: one answered, one refused for the minute limit and waited out
        logCall(200);
        logCall(429);
        logCall(200);

        assertThat(server.getAttribute(name, "Synced")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "Failed")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "QueueDepth")).isEqualTo(1L);
        assertThat(lanes(server.getAttribute(name, "QueueDepthByLane"))).containsExactly(Map.entry("bolt/xero", 1L));
        assertThat(lanes(server.getAttribute(name, "DocumentsByStatus"))).containsEntry("SYNCED", 2L).containsEntry("FAILED", 1L)
                .containsEntry("PENDING", 1L).containsEntry("OUTCOME_UNKNOWN", 0L);
        assertThat(server.getAttribute(name, "ApiCalls")).isEqualTo(3L);
        assertThat(server.getAttribute(name, "RateLimitedCalls")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "TokenRefreshes")).as("the rejected access token was refreshed once").isEqualTo(1L);
        assertThat(server.getAttribute(name, "TokenRefreshFailures")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "LanesInATurn")).isEqualTo(0);
    }

    private void logCall(int status) {
        engine.stores.syncLog().append(new SyncLogEntry(ACME, DocumentRef.invoice(ACME, "I-1"), "xero", "POST Invoices", status,
                status == 429 ? "429 Too Many Requests" : null, Duration.ofMillis(120), engine.clock.instant()));
    }

    /** An MXBean's map arrives as TabularData of (key, value) rows. */
    private static Map<String, Long> lanes(Object attribute) {
        Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (Object row : ((TabularData) attribute).values()) {
            CompositeData entry = (CompositeData) row;
            map.put((String) entry.get("key"), (Long) entry.get("value"));
        }
        return map;
    }
}
