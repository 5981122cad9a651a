package io.fieldsync.accounting.admin.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Organisation;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Connects (or reconnects) a company to its accounting system: prints the consent link, and with {@code --wait}
 * watches the connection until the accounting system's callback completed it, or the link expired. A reconnect keeps
 * the working connection until the new one is complete, so nothing stops while the admin is in the browser.
 */
@Service
@Command(scope = "accounting", name = "connect", description = "Connects a company to its accounting system: prints the "
        + "consent link to open in a browser; --wait waits until the connection is made. With --organisation, picks the "
        + "organisation after a consent that reached several.")
public class ConnectCommand implements Action {

    /** How often the connection is looked at while waiting: a person clicking through a consent page takes seconds. */
    static final Duration POLL = Duration.ofSeconds(2);
    /** How often the console says it is still waiting. */
    static final Duration PROGRESS = Duration.ofSeconds(30);

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--wait", description = "Wait until the consent is completed (or expires), showing progress")
    boolean waitForConsent;

    @Option(name = "--timeout", description = "With --wait, stop waiting after this many seconds (default: until the link expires)")
    int timeoutSeconds;

    @Option(name = "--organisation", description = "The tenant id of the organisation to connect, after a consent that reached several")
    String organisation;

    @Reference
    AccountingConnections connections;

    ConsoleTime time = ConsoleTime.of(Clock.systemUTC());

    @Override
    public Object execute() {
        CompanyId id;
        try {
            id = CompanyId.of(company);
            if (organisation != null) {
                return connected(connections.chooseOrganisation(id, organisation.strip()));
            }
            ConnectionStatus before = connections.status(id);
            AuthorizationStart start = connections.beginAuthorization(id);
            System.out.println("Open this link in a browser signed in to " + start.provider() + ", before " + start.expiresAt() + ":");
            System.out.println(start.authorizationUrl());
            if (before.state() == ConnectionState.CONNECTED) {
                System.out.println("The current connection to " + before.organisationName() + " keeps working until the new one is made.");
            }
            if (!waitForConsent) {
                System.out.println("Then check with: accounting:status " + id);
                return null;
            }
            return await(id, before, start);
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }

    private Object await(CompanyId id, ConnectionStatus before, AuthorizationStart start) {
        Instant deadline = timeoutSeconds > 0 ? earliest(time.now().plusSeconds(timeoutSeconds), start.expiresAt()) : start.expiresAt();
        Instant nextProgress = time.now().plus(PROGRESS);
        System.out.println("Waiting for the consent (Ctrl-C stops waiting; the link stays valid) ...");
        try {
            while (time.now().isBefore(deadline)) {
                time.pause(POLL);
                ConnectionStatus now = connections.status(id);
                if (now.state() == ConnectionState.CHOOSING_ORGANISATION && before.state() != ConnectionState.CHOOSING_ORGANISATION) {
                    return chooseAmong(id, now);
                }
                if (now.state() == ConnectionState.CONNECTED && (before.state() != ConnectionState.CONNECTED
                        || !Objects.equals(now.connectedSince(), before.connectedSince()))) {
                    return connected(now);
                }
                if (!time.now().isBefore(nextProgress)) {
                    long left = Math.max(0, Duration.between(time.now(), deadline).toSeconds());
                    System.out.println("  still waiting: " + now.state() + ", " + left / 60 + " min " + left % 60 + " s left");
                    nextProgress = time.now().plus(PROGRESS);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            System.out.println("Stopped waiting. The link stays valid until " + start.expiresAt() + "; accounting:status " + id + " shows the connection.");
            return null;
        }
        System.err.println(Refusal.line(ErrorCode.NOT_CONNECTED, "The consent was not completed by " + deadline
                + (deadline.equals(start.expiresAt()) ? " (the link has expired); run accounting:connect again"
                : "; the link stays valid until " + start.expiresAt())));
        return null;
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    private static Object connected(ConnectionStatus status) {
        System.out.println("Connected to " + status.organisationName() + " (" + status.provider() + ", " + status.state()
                + ") since " + status.connectedSince());
        return null;
    }

    private static Object chooseAmong(CompanyId id, ConnectionStatus status) {
        System.out.println("The consent reaches " + status.organisations().size() + " organisations; choose one with "
                + "accounting:connect --company " + id + " --organisation <tenant id>:");
        for (Organisation each : status.organisations()) {
            System.out.println("  " + each.tenantId() + "  " + each.name());
        }
        return null;
    }
}
