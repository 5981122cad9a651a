package io.fieldsync.accounting.engine.operations;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.HealthReport;
import io.fieldsync.accounting.api.admin.HealthStatus;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

class EngineHealthTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;
    private EngineHealth health;

    @BeforeEach
    void connect() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        health = new EngineHealth(engine.stores.leases(), engine.stores.connections(), engine.stores.identity(),
                new EngineClock(engine.clock), engine.directory, engine.dispatcher, stuckAfter(300));
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aConnectedCompanyWhoseDocumentsGoOutIsHealthy() {
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        HealthReport report = health.check();

        assertThat(report.status()).isEqualTo(HealthStatus.OK);
        assertThat(report.checks()).extracting(HealthReport.Check::name).containsExactly("database", "connection acme/xero");
    }

    @Test
    void anExpiredConnectionIsCriticalUntilReconnected() {
        xero.rejectAccessTokenOnce = true;
        xero.refreshFails = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("400 invalid_grant"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        HealthReport expired = health.check();
        assertThat(expired.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(expired.checks()).filteredOn(check -> check.name().equals("connection acme/xero")).singleElement()
                .satisfies(check -> assertThat(check.message()).contains("expired").contains("reconnects"));

        xero.refreshFails = null;
        engine.connect(ACME);
        engine.drain();
        assertThat(health.check().status()).isEqualTo(HealthStatus.OK);
    }

    /** Every lane worker hangs (say, in calls that never return): the lane's turn is handed out and never starts. */
    @Test
    void aLaneWithDueDocumentsAndNoTurnForLongerThanTheThresholdIsStuck() throws Exception {
        List<Runnable> hungWorkers = new CopyOnWriteArrayList<>();
        try (TestEngine hung = new TestEngine(keys.resolve("hung"), "xero",
                TestEngine.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), hungWorkers::add)) {
            hung.install(new ScriptedProvider("xero"));
            hung.setup.saveMappings(ACME, Samples.completeMappings());
            hung.connect(ACME);
            EngineHealth lanes = new EngineHealth(hung.stores.leases(), hung.stores.connections(), hung.stores.identity(),
                    new EngineClock(hung.clock), hung.directory, hung.dispatcher, stuckAfter(300));
            hung.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
            hung.clock.advance(Duration.ofSeconds(299));
            assertThat(lanes.check().status()).as("due for less than the threshold").isEqualTo(HealthStatus.OK);

            hung.clock.advance(Duration.ofSeconds(2));
            HealthReport stuck = lanes.check();
            assertThat(stuck.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(stuck.checks()).filteredOn(check -> check.name().equals("lane acme/xero")).singleElement()
                    .satisfies(check -> assertThat(check.message()).contains("no turn since"));

            hungWorkers.forEach(Runnable::run);
            assertThat(lanes.check().status()).as("the turn came and sent it").isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsCritical() throws Exception {
        try (Connection connection = engine.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ALL OBJECTS");
        }

        HealthReport report = health.check();

        assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(report.checks()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("database");
            assertThat(check.message()).contains("does not answer");
        });
    }

    @Test
    void aProviderWhoseConfigurationCannotBeUsedIsCriticalNamingTheProperty() {
        xero.problems = List.of(SyncError.of(ErrorCode.INVALID_CONFIGURATION,
                "client.secret = ENC(...) cannot be decrypted: no StringEncryptor with alias=accounting"));

        HealthReport report = health.check();

        assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(report.checks()).filteredOn(check -> check.name().equals("configuration xero")).singleElement()
                .satisfies(check -> {
                    assertThat(check.status()).isEqualTo(HealthStatus.CRITICAL);
                    assertThat(check.message()).contains("client.secret").contains("cannot be decrypted");
                });
    }

    @Test
    void aProviderPointedAtEndpointsThatAreNotTheVendorsIsAWarningNamingThem() {
        xero.nonVendor = List.of("api.url http://localhost:8181/sandbox/xero");

        HealthReport report = health.check();

        assertThat(report.status()).isEqualTo(HealthStatus.WARN);
        assertThat(report.checks()).filteredOn(check -> check.name().equals("endpoints xero")).singleElement()
                .satisfies(check -> assertThat(check.message()).contains("api.url http://localhost:8181/sandbox/xero")
                        .contains("not the vendor's own"));
    }

    @Test
    void anEngineConfigurationValueThatMakesNoSenseIsAWarningNamingTheProperty() {
        engine.directory.modified(engineConfiguration("poll.interval.min", -3));

        HealthReport report = health.check();

        assertThat(report.status()).isEqualTo(HealthStatus.WARN);
        assertThat(report.checks()).filteredOn(check -> check.name().equals("configuration engine")).singleElement()
                .satisfies(check -> assertThat(check.message()).startsWith("poll.interval.min = "));
    }

    /** The engine's configuration with its defaults but one property, as Config Admin would hand it over. */
    private static io.fieldsync.accounting.engine.EngineConfiguration engineConfiguration(String property, Object value) {
        String method = property.replace('.', '_');
        return (io.fieldsync.accounting.engine.EngineConfiguration) java.lang.reflect.Proxy.newProxyInstance(
                EngineHealthTest.class.getClassLoader(), new Class<?>[] {io.fieldsync.accounting.engine.EngineConfiguration.class},
                (proxy, called, arguments) -> switch (called.getName()) {
                    case "annotationType" -> io.fieldsync.accounting.engine.EngineConfiguration.class;
                    case "provider" -> "xero";
                    default -> called.getName().equals(method) ? value : called.getDefaultValue();
                });
    }

    static HealthConfiguration stuckAfter(long seconds) {
        return new HealthConfiguration() {
            @Override
            public long lane_stuck_after_s() {
                return seconds;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return HealthConfiguration.class;
            }
        };
    }
}
