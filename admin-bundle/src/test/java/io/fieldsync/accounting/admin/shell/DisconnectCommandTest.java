package io.fieldsync.accounting.admin.shell;

import static io.fieldsync.accounting.admin.shell.ShellFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.admin.ConnectionState;

/** accounting:disconnect asks before it revokes anything, unless told not to. */
class DisconnectCommandTest {

    @TempDir
    Path keys;

    private ShellFixture shell;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void start() {
        shell = new ShellFixture(keys);
        shell.engine.connect(ACME);
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void itAsksAndAnAnswerOtherThanYesKeepsTheConnection() throws Exception {
        disconnect(false, "n");

        assertThat(asked).containsExactly("Disconnect acme from Demo Plumbing Ltd (xero)? Its documents wait until it is "
                + "connected again. [y/N] ");
        assertThat(shell.out()).contains("Not disconnected.");
        assertThat(shell.engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(shell.xero.revoked).isEmpty();
    }

    @Test
    void yesRevokesTheTokensAndForgetsTheConnection() throws Exception {
        disconnect(false, "Yes");

        assertThat(shell.engine.connections.status(ACME).state()).isEqualTo(ConnectionState.NOT_CONNECTED);
        assertThat(shell.xero.disconnectedTenants).containsExactly("tenant-1");
        assertThat(shell.out()).contains("Disconnected acme from xero: its documents wait as DISCONNECTED until accounting:connect --company acme");
    }

    @Test
    void forceDisconnectsWithoutAsking() throws Exception {
        disconnect(true, null);

        assertThat(asked).isEmpty();
        assertThat(shell.engine.connections.status(ACME).state()).isEqualTo(ConnectionState.NOT_CONNECTED);
    }

    @Test
    void noAnswerAtAllIsNotConsent() throws Exception {
        disconnect(false, null);

        assertThat(asked).hasSize(1);
        assertThat(shell.engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aCompanyNotConnectedIsToldSoWithoutAQuestion() throws Exception {
        shell.engine.connections.disconnect(ACME);

        disconnect(false, "y");

        assertThat(asked).isEmpty();
        assertThat(shell.out()).contains("Company acme is not connected to xero; nothing to do.");
    }

    private void disconnect(boolean force, String answer) throws Exception {
        DisconnectCommand command = new DisconnectCommand();
        command.connections = shell.engine.connections;
        command.company = "acme";
        command.force = force;
        command.question = prompt -> {
            asked.add(prompt);
            return answer;
        };
        command.execute();
    }
}
