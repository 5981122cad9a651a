package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

/** Stored connections when the token key file was lost or replaced: readable as expired, never a failure. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ConnectionStoreTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final TokenSet TOKENS = new TokenSet("access-1", "refresh-1", NOW.plusSeconds(1800), NOW.plusSeconds(86_400));

    @TempDir
    Path dir;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    @BeforeEach
    void openDatabase() {
        database = kind.fresh();
    }

    private ConnectionStore storeWithKey(String keyFile) {
        return Stores.open(database.dataSource(), dir.resolve(keyFile), java.time.Clock.fixed(java.time.Instant.parse("2026-11-02T09:00:00Z"), java.time.ZoneOffset.UTC)).connections();
    }

    private static StoredConnection connected(TokenSet tokens) {
        return new StoredConnection(ACME, "xero", ConnectionState.CONNECTED, "tenant-1", "Demo Plumbing Ltd",
                List.of(new Organisation("tenant-1", "Demo Plumbing Ltd")), tokens, NOW, NOW, null);
    }

    @Test
    void tokensSealedWithAnotherKeyReadAsAnExpiredConnectionThatSaysToReconnect() {
        storeWithKey("token.key").save(connected(TOKENS));

        StoredConnection read = storeWithKey("replaced.key").find(ACME, "xero").orElseThrow();

        assertThat(read.state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(read.tokens()).isNull();
        assertThat(read.organisationName()).isEqualTo("Demo Plumbing Ltd");
        assertThat(read.lastError().code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
        assertThat(read.lastError().message()).contains("cannot be read with this installation's key").contains("reconnect");
        assertThat(read.toStatus().state()).isEqualTo(ConnectionState.EXPIRED);
    }

    @Test
    void newTokensSavedOverUnreadableOnesAreReadableAgain() {
        storeWithKey("token.key").save(connected(TOKENS));
        ConnectionStore replaced = storeWithKey("replaced.key");

        replaced.save(connected(new TokenSet("access-2", "refresh-2", NOW.plusSeconds(1800), null)));

        StoredConnection read = replaced.find(ACME, "xero").orElseThrow();
        assertThat(read.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(read.tokens().refreshToken()).isEqualTo("refresh-2");
        assertThat(read.lastError()).isNull();
    }

    @Test
    void readingUnreadableTokensChangesNothingStoredSoPuttingTheOldKeyBackRestoresTheConnection() throws Exception {
        storeWithKey("token.key").save(connected(TOKENS));
        byte[] original = Files.readAllBytes(dir.resolve("token.key"));
        storeWithKey("replaced.key").find(ACME, "xero");

        Files.write(dir.resolve("restored.key"), original);
        StoredConnection read = storeWithKey("restored.key").find(ACME, "xero").orElseThrow();

        assertThat(read.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(read.tokens()).isEqualTo(TOKENS);
    }

    @Test
    void aConnectionWaitingForItsAuthorisationKeepsWaitingWithoutTheUnreadableTokens() {
        storeWithKey("token.key").save(connected(TOKENS).with(ConnectionState.AWAITING_AUTHORIZATION, null));

        StoredConnection read = storeWithKey("replaced.key").find(ACME, "xero").orElseThrow();

        assertThat(read.state()).isEqualTo(ConnectionState.AWAITING_AUTHORIZATION);
        assertThat(read.tokens()).isNull();
    }
}
