package io.fieldsync.accounting.engine.admin;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * The token key file ({@code token.key}) lost or replaced: the stored tokens cannot be read, the company's connection
 * reads as EXPIRED and says so, its documents wait, reconnecting works, and every other company syncs as before.
 */
class ReplacedTokenKeyTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId GLOBEX = CompanyId.of("globex");

    @TempDir
    Path dir;

    @Test
    void aConnectionWhoseTokensCannotBeReadIsExpiredUntilReconnectedAndNothingElseIsAffected() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Path firstKeys = Files.createDirectories(dir.resolve("first"));
        try (TestEngine before = new TestEngine(firstKeys, "xero", url)) {
            before.install(new ScriptedProvider("xero"));
            before.setup.saveMappings(ACME, Samples.completeMappings());
            before.connect(ACME);
            before.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
            before.drain();
            assertThat(before.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        }

        Path otherKeys = Files.createDirectories(dir.resolve("another-installation"));
        try (TestEngine after = new TestEngine(otherKeys, "xero", url)) {
            ScriptedProvider xero = after.install(new ScriptedProvider("xero"));
            after.setup.saveMappings(GLOBEX, Samples.completeMappings());
            after.connect(GLOBEX);

            ConnectionStatus status = after.connections.status(ACME);
            assertThat(status.state()).isEqualTo(ConnectionState.EXPIRED);
            assertThat(status.lastError().message()).contains("stored tokens cannot be read with this installation's key")
                    .contains("reconnect");

            after.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
            after.sync.invoiceLocked(GLOBEX, invoice("G-1", customer("C-9")));
            after.drain();
            assertThat(after.sync.status(DocumentRef.invoice(ACME, "I-2")).orElseThrow()).satisfies(waiting -> {
                assertThat(waiting.status()).isEqualTo(SyncStatus.DISCONNECTED);
                assertThat(waiting.error().code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
            });
            assertThat(after.sync.status(DocumentRef.invoice(GLOBEX, "G-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
            after.remoteUpdates.pollNow();
            assertThat(xero.polledSince).as("polling reads the other company and skips the unreadable connection").hasSize(1);

            ConnectionStatus reconnected = after.connect(ACME);
            after.drain();

            assertThat(reconnected.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(after.connections.status(ACME).lastError()).isNull();
            assertThat(after.sync.status(DocumentRef.invoice(ACME, "I-2")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(xero.refreshes).as("the unreadable tokens were never sent anywhere").hasValue(0);
            assertThat(xero.revoked).isEmpty();
        }
    }

    @Test
    void disconnectingAConnectionWhoseTokensCannotBeReadForgetsItWithoutSendingThem() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (TestEngine before = new TestEngine(Files.createDirectories(dir.resolve("first")), "xero", url)) {
            before.install(new ScriptedProvider("xero"));
            before.connect(ACME);
        }
        try (TestEngine after = new TestEngine(Files.createDirectories(dir.resolve("another-installation")), "xero", url)) {
            ScriptedProvider xero = after.install(new ScriptedProvider("xero"));

            ConnectionStatus status = after.connections.disconnect(ACME);

            assertThat(status.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
            assertThat(after.connections.status(ACME).state()).isEqualTo(ConnectionState.NOT_CONNECTED);
            assertThat(xero.revoked).as("there is nothing readable to revoke").isEmpty();
        }
    }
}
