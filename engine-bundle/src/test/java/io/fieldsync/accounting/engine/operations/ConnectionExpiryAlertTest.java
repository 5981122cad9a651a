package io.fieldsync.accounting.engine.operations;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * An expired or revoked connection is one alert for the admin, however many documents and passes run into it: one WARN
 * line, one {@link AccountingListener#connectionExpired} and one event; the status keeps showing it until an admin
 * reconnects, and then the waiting documents go out by themselves.
 */
class ConnectionExpiryAlertTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final AccountingException REVOKED = new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero")
            .withDetail("400 invalid_grant"));

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream errBefore;

    @BeforeEach
    void connect() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        engine.notifier.addListener(new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
            }

            @Override
            public void connectionExpired(CompanyId company, String provider, SyncError reason) {
                heard.add("expired " + company + " " + provider + " " + reason.detail());
            }

            @Override
            public void connectionRestored(CompanyId company, String provider) {
                heard.add("restored " + company + " " + provider);
            }
        });
        engine.notifier.addConnectionEvents(new ConnectionEvents() {
            @Override
            public void expired(CompanyId company, String provider, SyncError reason, Instant at) {
                events.add("expired " + company + " " + provider + " " + reason.code() + " at " + at);
            }

            @Override
            public void restored(CompanyId company, String provider, Instant at) {
                events.add("restored " + company + " " + provider + " at " + at);
            }
        });
        errBefore = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopEngine() throws Exception {
        System.setErr(errBefore);
        engine.close();
    }

    @Test
    void aRevokedRefreshTokenRaisesOneAlertOfEachKindHoweverManyDocumentsAndPassesRunIntoIt() {
        xero.rejectAccessTokenOnce = true;
        xero.refreshFails = REVOKED;
        for (int k = 1; k <= 3; k++) {
            engine.sync.invoiceLocked(ACME, invoice("I-" + k, customer("C-" + k)));
            engine.drain();
            engine.clock.advance(Duration.ofMinutes(11));
            engine.dispatcher.wakeWaiting();
            engine.drain();
        }

        assertThat(heard).containsExactly("expired acme xero 400 invalid_grant");
        assertThat(events).containsExactly("expired acme xero CONNECTION_EXPIRED at " + TestEngine.START);
        assertThat(warnings("expired")).hasSize(1);
        assertThat(warnings("expired").get(0)).contains("acme").contains("xero").contains("reconnect");
        assertThat(engine.connections.status(ACME).state()).as("shown until reconnected").isEqualTo(ConnectionState.EXPIRED);
        assertThat(engine.connections.status(ACME).lastError().detail()).contains("invalid_grant");
        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-3")).orElseThrow().status()).isEqualTo(SyncStatus.DISCONNECTED);
    }

    @Test
    void reconnectingRaisesOneRestoredAlertAndTheWaitingDocumentsGoOutByThemselves() {
        xero.rejectAccessTokenOnce = true;
        xero.refreshFails = REVOKED;
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-2")));
        engine.drain();
        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.DISCONNECTED);

        xero.refreshFails = null;
        engine.connect(ACME);
        engine.drain();

        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-2")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(heard).containsExactly("expired acme xero 400 invalid_grant", "restored acme xero");
        assertThat(events).hasSize(2).last().asString().startsWith("restored acme xero");
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(engine.connections.status(ACME).lastError()).isNull();
    }

    @Test
    void aCallRefusedForAnExpiredConnectionRaisesTheSameSingleAlert() {
        xero.nextInvoiceCallFails = REVOKED;
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        engine.clock.advance(Duration.ofMinutes(11));
        engine.dispatcher.wakeWaiting();
        engine.drain();

        assertThat(heard).containsExactly("expired acme xero 400 invalid_grant");
        assertThat(events).hasSize(1);
        assertThat(warnings("expired")).hasSize(1);
    }

    @Test
    void aFirstConnectionIsNotAnnouncedAsRestored() {
        CompanyId other = CompanyId.of("other");
        engine.setup.saveMappings(other, Samples.completeMappings());
        engine.connect(other);

        assertThat(heard).isEmpty();
        assertThat(events).isEmpty();
    }

    private List<String> warnings(String about) {
        return log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("WARN") && line.contains(about)).toList();
    }
}
