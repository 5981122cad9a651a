package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
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

/** Nodes sharing one database and one configured set of token keys, through a rotation and a garbled configuration. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SharedTokenKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final CompanyId ACME = CompanyId.of("acme");
    private static final TokenSet TOKENS = new TokenSet("access-1", "refresh-1", NOW.plusSeconds(1800), NOW.plusSeconds(86_400));
    private static final String K1 = TokenVault.newConfiguredKey("k1");
    private static final String K2 = TokenVault.newConfiguredKey("k2");

    @TempDir
    Path karafData;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private ConnectionStore node(String name, String tokenKeys) {
        if (database == null) {
            database = kind.fresh();
        }
        return Stores.open(database.dataSource(), karafData.resolve(name).resolve("token.key"), Clock.fixed(NOW, ZoneOffset.UTC),
                new NodeId(name), tokenKeys).connections();
    }

    private static StoredConnection connected(TokenSet tokens) {
        return new StoredConnection(ACME, "xero", ConnectionState.CONNECTED, "tenant-1", "Demo Plumbing Ltd",
                List.of(new Organisation("tenant-1", "Demo Plumbing Ltd")), tokens, NOW, null, null);
    }

    @Test
    void aConnectionMadeOnOneNodeIsUsableOnAnotherWithTheSameKeys() {
        node("node-1", K1).save(connected(TOKENS));

        assertThat(node("node-2", K1).find(ACME, "xero").orElseThrow().tokens()).isEqualTo(TOKENS);
    }

    @Test
    void afterARotationOldTokensStayReadableAndAreSealedWithTheNewKeyWhenNextStored() throws Exception {
        node("node-1", K1).save(connected(TOKENS));
        ConnectionStore rotated = node("node-2", K2 + "," + K1);

        StoredConnection found = rotated.find(ACME, "xero").orElseThrow();
        assertThat(found.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(storedTokens()).startsWith("k1:");

        TokenSet refreshed = new TokenSet("access-2", "refresh-2", NOW.plusSeconds(3600), NOW.plusSeconds(90_000));
        rotated.save(found.withTokens(refreshed));

        assertThat(storedTokens()).startsWith("k2:");
        assertThat(node("node-3", K2).find(ACME, "xero").orElseThrow().tokens()).isEqualTo(refreshed);
    }

    @Test
    void aGarbledKeyConfigurationLeavesTheEngineRunningWithConnectionsReadingAsExpired() {
        node("node-1", K1).save(connected(TOKENS));

        StoredConnection found = node("node-2", "k1:this is not a key").find(ACME, "xero").orElseThrow();

        assertThat(found.state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(found.tokens()).isNull();
        assertThat(found.lastError().code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
        assertThat(found.lastError().message()).contains("token.keys");
    }

    private String storedTokens() throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT tokens FROM connections")) {
            row.next();
            return row.getString(1);
        }
    }
}
