package io.fieldsync.accounting.engine.shell;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;
import io.fieldsync.accounting.engine.operations.EngineHealth;
import io.fieldsync.accounting.engine.operations.HealthConfiguration;

/** accounting:health prints each check and the whole, so that an operator sees what to do. */
class HealthCommandTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    @Test
    void anExpiredConnectionIsPrintedAsCriticalWithWhatToDo() throws Exception {
        try (TestEngine engine = new TestEngine(keys, "xero")) {
            ScriptedProvider xero = engine.install(new ScriptedProvider("xero"));
            engine.setup.saveMappings(ACME, Samples.completeMappings());
            engine.connect(ACME);
            xero.rejectAccessTokenOnce = true;
            xero.refreshFails = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("400 invalid_grant"));
            engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
            engine.drain();
            HealthCommand command = new HealthCommand();
            command.health = new EngineHealth(engine.stores.leases(), engine.stores.connections(), engine.stores.identity(),
                    new EngineClock(engine.clock), engine.directory, engine.dispatcher, new HealthConfiguration() {
                @Override
                public long lane_stuck_after_s() {
                    return 300;
                }

                @Override
                public Class<? extends Annotation> annotationType() {
                    return HealthConfiguration.class;
                }
            });

            String shown = printed(command);

            assertThat(shown).contains("database").contains("connection acme/xero").contains("CRITICAL")
                    .contains("until an admin reconnects").contains("Health          : CRITICAL");
        }
    }

    private static String printed(HealthCommand command) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
