package io.fieldsync.accounting.admin.shell;

import java.io.IOException;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * Disconnects a company: revokes its tokens at the accounting system and forgets the connection. Its queued documents
 * wait as DISCONNECTED until it is connected again; nothing is lost. Asks first unless {@code --force}.
 */
@Service
@Command(scope = "accounting", name = "disconnect", description = "Disconnects a company from its accounting system (revokes "
        + "the tokens); its documents wait until it is connected again. Asks first unless --force.")
public class DisconnectCommand implements Action {

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--force", description = "Do not ask")
    boolean force;

    @Reference
    AccountingConnections connections;

    @Reference(optional = true)
    Session session;

    Question question;

    @Override
    public Object execute() throws IOException {
        try {
            CompanyId id = CompanyId.of(company);
            ConnectionStatus current = connections.status(id);
            if (current.state() == ConnectionState.NOT_CONNECTED) {
                System.out.println("Company " + id + " is not connected to " + current.provider() + "; nothing to do.");
                return null;
            }
            if (!force) {
                String what = current.organisationName() == null ? current.provider()
                        : current.organisationName() + " (" + current.provider() + ")";
                if (!Question.yes(question().ask("Disconnect " + id + " from " + what
                        + "? Its documents wait until it is connected again. [y/N] "))) {
                    System.out.println("Not disconnected.");
                    return null;
                }
            }
            ConnectionStatus after = connections.disconnect(id);
            System.out.println("Disconnected " + id + " from " + after.provider() + ": its documents wait as DISCONNECTED until "
                    + "accounting:connect --company " + id);
            return null;
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }

    private Question question() {
        if (question != null) {
            return question;
        }
        // no console (a script through ssh with a command): no answer, so nothing is disconnected without --force
        return session == null ? prompt -> null : prompt -> session.readLine(prompt, null);
    }
}
