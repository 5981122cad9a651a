package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * A token endpoint that fails for a while (down, throttling, an answer lost) is not a disconnection: the company stays
 * connected, its documents wait as PENDING, and they go out once, with a fresh token, when the endpoint is back.
 */
class PassingTokenFailuresTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final DocumentRef I1 = DocumentRef.invoice(ACME, "I-1");

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
    void aTokenEndpointOutageKeepsTheCompanyConnectedAndTheInvoiceGoesOutOnceWhenItIsBack() {
        failNextRefresh(new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero's identity service").withDetail("503")));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus waiting = status(I1);
        assertThat(waiting.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(waiting.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        ConnectionStatus connection = engine.connections.status(ACME);
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.lastError()).as("the admin sees why nothing goes out").satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(error.message()).contains("identity service");
        });

        xero.refreshFails = null;
        xero.rejectAccessTokenOnce = true;
        retryComesDue();

        assertThat(status(I1).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(xero.accessTokensUsed).as("sent once, with the refreshed token").containsExactly("access-2");
        assertThat(engine.connections.status(ACME).lastError()).as("cleared by the refresh that worked").isNull();
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aThrottledTokenEndpointPausesThatCompanyAndItsDocumentsStayPending() {
        failNextRefresh(new RateLimitedException(io.fieldsync.accounting.api.spi.RateLimit.MINUTE, Duration.ofSeconds(45)));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        assertThat(status(I1).status()).isEqualTo(SyncStatus.PENDING);
        assertThat(status(I1).error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(engine.dispatcher.laneNote(ACME, "xero")).hasValueSatisfying(note -> assertThat(note).contains("paused until").contains("minute limit"));
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aRefreshThatBreaksInAnUnexpectedWayIsPassingSinceNothingWasSentYet() {
        failNextRefresh(new IllegalStateException("connection reset while reading the token answer"));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        DocumentStatus waiting = status(I1);
        assertThat(waiting.status()).as("a failed refresh happens before the send, so the outcome is not in doubt")
                .isEqualTo(SyncStatus.PENDING);
        assertThat(waiting.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    /**
     * The dangerous case with rotating refresh tokens: the vendor may have spent the refresh token and issued another
     * whose answer never arrived. The engine keeps the token it sent (it knows no other) and the next attempt sends it
     * again: Xero accepts it for 30 minutes after a lost answer, the sandboxes show how each vendor answers (provider
     * tests), and past that grace the answer is invalid_grant, which expires the connection for the admin to reconnect.
     */
    @Test
    void aRefreshWhoseAnswerWasLostKeepsTheTokenItSentAndTheNextAttemptSendsItAgain() {
        String sent = engine.stores.connections().find(ACME, "xero").orElseThrow().tokens().refreshToken();
        failNextRefresh(new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero's identity service")
                .withDetail("Read timed out")));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        assertThat(engine.stores.connections().find(ACME, "xero").orElseThrow().tokens().refreshToken()).isEqualTo(sent);

        xero.refreshFails = null;
        xero.rejectAccessTokenOnce = true;
        retryComesDue();

        assertThat(xero.refreshedWith).containsExactly(sent, sent);
        assertThat(status(I1).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(engine.stores.connections().find(ACME, "xero").orElseThrow().tokens().refreshToken()).isNotEqualTo(sent);
    }

    @Test
    void onlyARefusedGrantExpiresTheConnection() {
        failNextRefresh(new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("400 invalid_grant")));
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));

        engine.drain();

        assertThat(status(I1).status()).isEqualTo(SyncStatus.DISCONNECTED);
        ConnectionStatus connection = engine.connections.status(ACME);
        assertThat(connection.state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(connection.lastError().detail()).contains("invalid_grant");
    }

    private void failNextRefresh(RuntimeException failure) {
        xero.rejectAccessTokenOnce = true;
        xero.refreshFails = failure;
    }

    /** What the retry delay does with time: the documents that wait for the provider become due, and a pass runs. */
    private void retryComesDue() {
        engine.dispatcher.wakeWaiting();
        engine.drain();
    }

    private DocumentStatus status(DocumentRef document) {
        return engine.sync.status(document).orElseThrow();
    }
}
