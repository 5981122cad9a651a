package io.fieldsync.accounting.engine.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;
import io.fieldsync.accounting.engine.operations.ConnectionAlerts;
import io.fieldsync.accounting.engine.operations.TokenRefreshes;

/** Quiet connections are refreshed before their refresh token lapses, and only then. */
class ConnectionKeepAliveTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private TestEngine engine;
    private ScriptedProvider quickbooks;
    private ConnectionKeepAlive keepAlive;

    @BeforeEach
    void connectWithHundredDayRefreshTokens() {
        engine = new TestEngine(keys, "quickbooks");
        quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        quickbooks.clock = clock;
        quickbooks.refreshTokenLife = Duration.ofDays(100);
        engine.connect(ACME);
        keepAlive = new ConnectionKeepAlive(engine.stores.connections(), engine.directory,
                new TokenRefresher(engine.stores.connections(),
                        new ConnectionAlerts(engine.stores.connections(), engine.notifier, clock), new TokenRefreshes()), clock);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aConnectionIsLeftAloneUntilItsRefreshTokenIsTwoWeeksFromLapsingThenRefreshedOnce() {
        clock.advance(Duration.ofDays(80));
        assertThat(keepAlive.run()).isZero();
        assertThat(quickbooks.refreshes).hasValue(0);

        clock.advance(Duration.ofDays(7));
        assertThat(keepAlive.run()).isEqualTo(1);
        assertThat(keepAlive.run()).as("the new refresh token has a hundred days again").isZero();

        assertThat(quickbooks.refreshes).hasValue(1);
        assertThat(engine.stores.connections().find(ACME, "quickbooks").orElseThrow().tokens().refreshTokenExpiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofDays(100)));
    }

    @Test
    void aConnectionAtItsHardLimitIsRefreshedOnceAndThenLeftForTheAdminToReconnect() {
        Instant hardLimit = clock.instant().plus(Duration.ofDays(95));
        quickbooks.refreshHardLimit = hardLimit;
        clock.advance(Duration.ofDays(90));

        assertThat(keepAlive.run()).isEqualTo(1);
        clock.advance(Duration.ofHours(6));
        assertThat(keepAlive.run()).isZero();

        assertThat(quickbooks.refreshes).hasValue(1);
        assertThat(engine.stores.connections().find(ACME, "quickbooks").orElseThrow().tokens().refreshTokenExpiresAt()).isEqualTo(hardLimit);
    }

    @Test
    void aRefusedRefreshMarksTheConnectionExpiredInsteadOfFailingEveryDocumentLater() {
        quickbooks.refreshFails = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "QuickBooks"));
        clock.advance(Duration.ofDays(90));

        assertThat(keepAlive.run()).isZero();

        assertThat(engine.stores.connections().find(ACME, "quickbooks").orElseThrow().state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(keepAlive.run()).as("an expired connection is not tried again").isZero();
        assertThat(quickbooks.refreshes).hasValue(1);
    }

    @Test
    void aPassingFailureLeavesTheConnectionConnectedAndTheNextRoundRefreshesWithTheSameToken() {
        String sent = engine.stores.connections().find(ACME, "quickbooks").orElseThrow().tokens().refreshToken();
        quickbooks.refreshFails = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Intuit's token service")
                .withDetail("Read timed out"));
        clock.advance(Duration.ofDays(90));

        assertThat(keepAlive.run()).isZero();
        assertThat(engine.stores.connections().find(ACME, "quickbooks").orElseThrow().state()).isEqualTo(ConnectionState.CONNECTED);

        quickbooks.refreshFails = null;
        clock.advance(Duration.ofMinutes(5));
        assertThat(keepAlive.run()).isEqualTo(1);
        assertThat(quickbooks.refreshedWith).as("the token whose answer may have been lost is sent again").containsExactly(sent, sent);
        assertThat(engine.stores.connections().find(ACME, "quickbooks").orElseThrow().lastError()).isNull();
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
