package io.fieldsync.accounting.engine.shell;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** accounting:status keeps an expired connection's alert in view until a reconnect, and says when the provider is not the vendor. */
class StatusCommandTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void connect() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void anExpiredConnectionIsAnAlertUntilReconnected() {
        xero.rejectAccessTokenOnce = true;
        xero.refreshFails = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("400 invalid_grant"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();

        assertThat(status()).contains("Connection      : EXPIRED").contains("ALERT           : the connection expired or was revoked "
                + "(400 invalid_grant)");

        xero.refreshFails = null;
        engine.connect(ACME);
        engine.drain();
        assertThat(status()).contains("Connection      : CONNECTED").doesNotContain("ALERT");
    }

    @Test
    void aProviderPointedAtASandboxIsNamedInTheStatus() {
        xero.nonVendor = List.of("api.url http://localhost:8181/sandbox/xero");

        assertThat(status()).contains("NOT THE VENDOR  : xero calls api.url http://localhost:8181/sandbox/xero");
    }

    private String status() {
        StatusCommand command = new StatusCommand();
        command.company = ACME.value();
        command.directory = engine.directory;
        command.identity = engine.stores.identity();
        command.connectionStore = engine.stores.connections();
        command.reports = engine.stores.reports();
        command.connections = engine.connections;
        command.providers = engine.providers;
        command.dispatcher = engine.dispatcher;
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
