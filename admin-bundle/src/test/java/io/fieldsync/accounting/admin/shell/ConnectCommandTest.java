package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.Organisation;

/** accounting:connect, as an admin types it while a browser completes (or does not complete) the consent. */
class ConnectCommandTest {

    @TempDir
    Path keys;

    private ShellFixture shell;

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void withoutWaitItPrintsTheConsentLinkAndReturns() {
        connect(false, 0, () -> { });

        assertThat(shell.out()).contains("Open this link in a browser signed in to xero, before 2026-11-02T09:15:00Z:",
                "https://login.example.com/authorize?state=", "Then check with: accounting:status acme");
        assertThat(shell.engine.connections.status(ACME).state()).isEqualTo(ConnectionState.AWAITING_AUTHORIZATION);
    }

    @Test
    void withWaitItShowsProgressUntilTheCallbackCompletesTheConnection() {
        AtomicInteger pauses = new AtomicInteger();
        connect(true, 0, () -> {
            if (pauses.incrementAndGet() == 20) {
                browserCompletesConsent();
            }
        });

        assertThat(pauses).hasValue(20);
        assertThat(shell.out()).contains("Waiting for the consent", "  still waiting: AWAITING_AUTHORIZATION, 14 min 30 s left",
                "Connected to Demo Plumbing Ltd (xero, CONNECTED) since 2026-11-02T09:00:40Z");
        assertThat(shell.errors()).isEmpty();
    }

    @Test
    void aReconnectWaitsForTheNewConnectionNotTheOneStillWorking() {
        shell.engine.connect(ACME);
        shell.engine.clock.advance(Duration.ofHours(1));
        AtomicInteger pauses = new AtomicInteger();

        connect(true, 0, () -> {
            if (pauses.incrementAndGet() == 3) {
                browserCompletesConsent();
            }
        });

        assertThat(pauses).as("the working connection is not taken for the new one").hasValue(3);
        assertThat(shell.out()).contains("The current connection to Demo Plumbing Ltd keeps working until the new one is made.",
                "Connected to Demo Plumbing Ltd (xero, CONNECTED) since 2026-11-02T10:00:06Z");
    }

    @Test
    void aConsentNeverGivenEndsAtTheTimeoutWithOneLineAndTheEngineCode() {
        connect(true, 60, () -> { });

        assertThat(String.join("\n", shell.errors())).isEqualTo("Error (NOT_CONNECTED): The consent was not completed by 2026-11-02T09:01:00Z; "
                + "the link stays valid until 2026-11-02T09:15:00Z");
        assertThat(shell.errors()).hasSize(1);
    }

    @Test
    void aConsentThatReachesSeveralOrganisationsListsThemAndTheOrganisationOptionPicksOne() {
        shell.xero.organisations = List.of(new Organisation("tenant-1", "Demo Plumbing Ltd"), new Organisation("tenant-2", "Demo Drains Ltd"));
        AtomicInteger pauses = new AtomicInteger();
        connect(true, 0, () -> {
            if (pauses.incrementAndGet() == 1) {
                browserCompletesConsent();
            }
        });
        assertThat(shell.out()).contains("The consent reaches 2 organisations; choose one with accounting:connect --company acme "
                + "--organisation <tenant id>:", "  tenant-2  Demo Drains Ltd");

        ConnectCommand pick = new ConnectCommand();
        pick.connections = shell.engine.connections;
        pick.company = "acme";
        pick.organisation = "tenant-2";
        pick.execute();

        assertThat(shell.engine.connections.status(ACME).organisationName()).isEqualTo("Demo Drains Ltd");
        assertThat(shell.out()).contains("Connected to Demo Drains Ltd (xero, CONNECTED)");
    }

    @Test
    void aCompanyWithoutAProviderIsRefusedInOneLineWithTheCode() {
        shell.engine.use("none");

        connect(false, 0, () -> { });

        assertThat(shell.errors()).singleElement().asString().startsWith("Error (PROVIDER_UNAVAILABLE): ");
        assertThat(shell.errors()).hasSize(1);
        assertThat(shell.out()).isEmpty();
    }

    private ConnectCommand connect(boolean wait, int timeout, Runnable meanwhile) {
        ConnectCommand command = new ConnectCommand();
        command.connections = shell.engine.connections;
        command.company = "acme";
        command.waitForConsent = wait;
        command.timeoutSeconds = timeout;
        command.time = shell.time(meanwhile);
        command.execute();
        return command;
    }

    /** What the OAuth callback servlet does when the browser comes back with the state of the printed link. */
    private void browserCompletesConsent() {
        Matcher state = Pattern.compile("state=([A-Za-z0-9_-]+)").matcher(shell.out());
        String last = null;
        while (state.find()) {
            last = state.group(1);
        }
        shell.engine.connections.completeAuthorization(Map.of("code", "code-1", "state", last));
    }
}
