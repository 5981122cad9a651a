package io.fieldsync.accounting.engine.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.StoredConnection;
import io.fieldsync.accounting.engine.sync.Dispatcher;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 authorisation-code flow as the engine sees it: a one-time {@code state} per attempt
 * (stored, so it survives a restart and cannot be replayed), the code exchanged by the provider,
 * tokens stored encrypted, and the waiting documents woken once the company is connected.
 */
@Component(service = AccountingConnections.class)
public class ConnectionService implements AccountingConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
    /** Xero's authorisation codes live 5 minutes; the consent page itself may take longer. */
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(15);
    /** A binding secret shorter than this could be guessed. */
    private static final int MIN_BINDING = 32;

    private final ConnectionStore connections;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    @Activate
    public ConnectionService(@Reference ConnectionStore connections, @Reference EngineClock clock, @Reference ProviderDirectory directory,
                             @Reference Dispatcher dispatcher) {
        this.connections = connections;
        this.clock = clock.clock();
        this.directory = directory;
        this.dispatcher = dispatcher;
    }

    @Override
    public AuthorizationStart beginAuthorization(CompanyId company) {
        return begin(company, null);
    }

    @Override
    public AuthorizationStart beginAuthorization(CompanyId company, String browserBinding) {
        if (browserBinding == null || browserBinding.length() < MIN_BINDING) {
            throw new InvalidInputException("browserBinding", "must be a secret of at least " + MIN_BINDING + " characters");
        }
        return begin(company, Json.hash(browserBinding));
    }

    private AuthorizationStart begin(CompanyId company, String bindingHash) {
        ActiveProvider provider = activeProvider(company);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(STATE_LIFETIME);
        connections().putAuthorization(state, new ConnectionStore.PendingAuthorization(company, provider.id(), expiresAt, bindingHash));
        Optional<StoredConnection> current = connections().find(company, provider.id());
        if (current.isEmpty() || current.get().state() != ConnectionState.CONNECTED) {
            // a reconnect keeps the working connection until the new one is complete
            connections().save(new StoredConnection(company, provider.id(), ConnectionState.AWAITING_AUTHORIZATION, null, null,
                    List.of(), current.map(StoredConnection::tokens).orElse(null), null, current.map(StoredConnection::lastSyncAt).orElse(null),
                    expiry(current)));
        }
        return new AuthorizationStart(company, provider.id(),
                provider.provider().authorization().authorizationUrl(new AuthorizationRequest(company, state)), state, expiresAt);
    }

    @Override
    public ConnectionStatus completeAuthorization(Map<String, String> callbackParameters) {
        return completeAuthorization(callbackParameters, null);
    }

    @Override
    public ConnectionStatus completeAuthorization(Map<String, String> callbackParameters, String browserBinding) {
        CallbackParameters.check(callbackParameters);
        String state = callbackParameters.get("state");
        if (state == null || state.isBlank()) {
            throw refused("state", "is missing: this is not the answer to a connection started here");
        }
        String expected = connections().findAuthorization(state).map(ConnectionStore.PendingAuthorization::browserBinding).orElse(null);
        if (expected != null && (browserBinding == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                Json.hash(browserBinding).getBytes(StandardCharsets.US_ASCII)))) {
            // not consumed: a link opened in another browser (forwarded, or planted by an attacker) must not spend the
            // admin's own attempt
            LOG.warn("An accounting authorisation callback for a connection begun in another browser session was refused");
            throw refused("state", "was begun in another browser session: open the consent link from the admin page that started it");
        }
        ConnectionStore.PendingAuthorization pending = connections().takeAuthorization(state)
                .orElseThrow(() -> refused("state", "is unknown or was already used: each connection attempt can complete once"));
        if (pending.expiresAt().isBefore(clock.instant())) {
            throw refused("state", "has expired: the authorisation took longer than " + STATE_LIFETIME.toMinutes() + " minutes");
        }
        if (callbackParameters.containsKey("error")) {
            String description = callbackParameters.getOrDefault("error_description", callbackParameters.get("error"));
            throw refused("error", "says the accounting system did not authorise the connection ("
                    + CallbackParameters.shown(description) + ")");
        }
        String code = callbackParameters.get("code");
        if (code == null || code.isBlank()) {
            throw refused("code", "is missing: the accounting system sent no authorisation code");
        }
        ActiveProvider provider = directory.provider(pending.provider())
                .orElseThrow(() -> new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                        "The accounting system '" + pending.provider() + "'")));
        AuthorizationGrant grant = exchange(provider, callbackParameters);
        if (grant.organisations().isEmpty()) {
            throw refused("organisation", "is none: the authorisation reaches no organisation; pick one on the consent page");
        }
        Instant now = clock.instant();
        Optional<StoredConnection> previous = connections().find(pending.company(), provider.id());
        refuseAnotherOrganisation(pending.company(), previous, grant, callbackParameters);
        Instant lastSync = previous.map(StoredConnection::lastSyncAt).orElse(null);
        StoredConnection connection;
        if (grant.organisations().size() == 1) {
            Organisation only = grant.organisations().get(0);
            connection = new StoredConnection(pending.company(), provider.id(), ConnectionState.CONNECTED, only.tenantId(),
                    only.name(), grant.organisations(), grant.tokens(), now, lastSync, null);
        } else {
            connection = new StoredConnection(pending.company(), provider.id(), ConnectionState.CHOOSING_ORGANISATION, null, null,
                    grant.organisations(), grant.tokens(), null, lastSync, expiry(previous));
        }
        connections().save(connection);
        LOG.info("Company {} authorised {} ({})", pending.company(), provider.id(), connection.state());
        if (connection.state() == ConnectionState.CONNECTED) {
            connected(connection, expiry(previous) != null);
        }
        return connection.toStatus();
    }

    @Override
    public ConnectionStatus chooseOrganisation(CompanyId company, String tenantId) {
        ActiveProvider provider = activeProvider(company);
        StoredConnection choosing = connections().find(company, provider.id())
                .filter(stored -> stored.state() == ConnectionState.CHOOSING_ORGANISATION)
                .orElseThrow(() -> refused("company", "has no authorisation waiting for an organisation to be chosen"));
        Organisation chosen = choosing.organisations().stream().filter(org -> org.tenantId().equals(tenantId)).findFirst()
                .orElseThrow(() -> refused("tenantId", "'" + CallbackParameters.shown(tenantId)
                        + "' is not one of the organisations the authorisation reaches"));
        StoredConnection connection = new StoredConnection(company, provider.id(), ConnectionState.CONNECTED, chosen.tenantId(),
                chosen.name(), choosing.organisations(), choosing.tokens(), clock.instant(), choosing.lastSyncAt(), null);
        connections().save(connection);
        connected(connection, expiry(Optional.of(choosing)) != null);
        return connection.toStatus();
    }

    @Override
    public ConnectionStatus disconnect(CompanyId company) {
        String providerId = directory.idFor(company);
        Optional<StoredConnection> stored = connections().find(company, providerId);
        Optional<ActiveProvider> provider = directory.forCompany(company);
        if (stored.isPresent() && stored.get().tokens() != null && provider.isPresent()) {
            try {
                // only this company's organisation: the grant may reach others (Xero)
                provider.get().provider().authorization().disconnect(stored.get().tokens(), stored.get().tenantId());
            } catch (RuntimeException e) {
                // revocation is best effort: the tokens are forgotten here either way
                LOG.warn("Revoking {} tokens of company {} failed: {}", providerId, company, e.toString());
            }
        }
        connections().delete(company, providerId);
        LOG.info("Company {} disconnected from {}", company, providerId);
        return ConnectionStatus.notConnected(company, providerId);
    }

    @Override
    public ConnectionStatus status(CompanyId company) {
        String providerId = directory.idFor(company);
        if (EngineConfiguration.NO_PROVIDER.equals(providerId)) {
            return ConnectionStatus.notConnected(company, providerId);
        }
        return connections().find(company, providerId).map(StoredConnection::toStatus)
                .orElseGet(() -> ConnectionStatus.notConnected(company, providerId));
    }

    private void connected(StoredConnection connection, boolean afterExpiry) {
        dispatcher.connected(connection.company(), connection.provider(), afterExpiry);
    }

    /**
     * The expiry a reconnect is ending, if any: an EXPIRED connection's reason, kept on the connection while the admin
     * goes through the consent page and the organisation picker, so that status shows it and its alert stays open until
     * the connection works again.
     */
    private static SyncError expiry(Optional<StoredConnection> stored) {
        return stored.map(StoredConnection::lastError)
                .filter(error -> error.code() == ErrorCode.CONNECTION_EXPIRED)
                .filter(error -> stored.get().state() != ConnectionState.CONNECTED)
                .orElse(null);
    }

    private ActiveProvider activeProvider(CompanyId company) {
        String id = directory.idFor(company);
        return directory.provider(id).orElseThrow(() -> new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                EngineConfiguration.NO_PROVIDER.equals(id) ? "An accounting system (none is chosen for company " + company + ")"
                        : "The accounting system '" + id + "'")));
    }

    private ConnectionStore connections() {
        return connections;
    }

    /**
     * The provider's code exchange; a fault that is not a typed error (a callback value the provider could not even
     * put in a URL) is one here, so the callback page can say what happened instead of failing with a 500.
     */
    private static AuthorizationGrant exchange(ActiveProvider provider, Map<String, String> callbackParameters) {
        try {
            return provider.provider().authorization().exchangeCode(callbackParameters);
        } catch (AccountingException typed) {
            throw typed;
        } catch (RuntimeException broken) {
            LOG.warn("{} could not exchange an authorisation code: {}", provider.id(), broken.toString());
            throw refused("code", "could not be exchanged by " + provider.descriptor().displayName() + " ("
                    + CallbackParameters.shown(broken.getMessage()) + ")");
        }
    }

    /**
     * A company connected to one organisation that comes back from the consent page with another one (QuickBooks
     * names it in {@code realmId}) would send its next documents to other books than the ones its synced documents
     * are in; the working connection stays, and the admin disconnects first to move to other books.
     */
    private static void refuseAnotherOrganisation(CompanyId company, Optional<StoredConnection> previous, AuthorizationGrant grant,
                                                  Map<String, String> callbackParameters) {
        Optional<String> connectedTo = previous.filter(stored -> stored.state() == ConnectionState.CONNECTED)
                .map(StoredConnection::tenantId);
        if (connectedTo.isEmpty() || grant.organisations().size() != 1) {
            return;
        }
        Organisation returned = grant.organisations().get(0);
        if (!returned.tenantId().equals(connectedTo.get())) {
            throw refused(callbackParameters.containsKey("realmId") ? "realmId" : "organisation",
                    "'" + CallbackParameters.shown(returned.tenantId()) + "' is not the organisation company " + company
                            + " is connected to (" + connectedTo.get() + "); disconnect it first to connect other books");
        }
    }

    private static InvalidInputException refused(String field, String rule) {
        return new InvalidInputException(ErrorCode.AUTHORIZATION_FAILED, field, rule);
    }
}
