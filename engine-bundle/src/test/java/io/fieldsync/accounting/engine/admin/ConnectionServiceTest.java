package io.fieldsync.accounting.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

class ConnectionServiceTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId GLOBEX = CompanyId.of("globex");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void startEngine() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void authorisingForOneOrganisationConnectsWithItsName() {
        AuthorizationStart start = engine.connections.beginAuthorization(ACME);
        assertThat(start.authorizationUrl().toString()).contains("state=" + start.state());
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.AWAITING_AUTHORIZATION);

        ConnectionStatus status = engine.connections.completeAuthorization(Map.of("code", "c", "state", start.state()));

        assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.organisationName()).isEqualTo("Demo Plumbing Ltd");
        assertThat(status.connectedSince()).isNotNull();
    }

    @Test
    void aStateIsAcceptedOnceOnly() {
        AuthorizationStart start = engine.connections.beginAuthorization(ACME);
        engine.connections.completeAuthorization(Map.of("code", "c", "state", start.state()));

        assertThatThrownBy(() -> engine.connections.completeAuthorization(Map.of("code", "c", "state", start.state())))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHORIZATION_FAILED))
                .hasMessageContaining("already used");
    }

    @Test
    void aForgedStateIsRefused() {
        assertThatThrownBy(() -> engine.connections.completeAuthorization(Map.of("code", "c", "state", "forged")))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHORIZATION_FAILED));
    }

    @Test
    void aDeniedConsentIsReportedInTheAccountingSystemsWords() {
        AuthorizationStart start = engine.connections.beginAuthorization(ACME);

        assertThatThrownBy(() -> engine.connections.completeAuthorization(
                Map.of("state", start.state(), "error", "access_denied", "error_description", "The user denied access")))
                .hasMessageContaining("The user denied access");
    }

    @Test
    void severalOrganisationsLetTheAdminChooseOne() {
        xero.organisations = List.of(new Organisation("t-1", "North Branch"), new Organisation("t-2", "South Branch"));
        AuthorizationStart start = engine.connections.beginAuthorization(ACME);

        ConnectionStatus choosing = engine.connections.completeAuthorization(Map.of("code", "c", "state", start.state()));
        assertThat(choosing.state()).isEqualTo(ConnectionState.CHOOSING_ORGANISATION);
        assertThat(choosing.organisations()).extracting(Organisation::name).containsExactly("North Branch", "South Branch");

        ConnectionStatus chosen = engine.connections.chooseOrganisation(ACME, "t-2");

        assertThat(chosen.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(chosen.organisationName()).isEqualTo("South Branch");
        assertThat(chosen.tenantId()).isEqualTo("t-2");
        assertThatThrownBy(() -> engine.connections.chooseOrganisation(GLOBEX, "t-1")).isInstanceOf(AccountingException.class);
    }

    @Test
    void connectingOneCompanyLeavesAnotherAlone() {
        engine.connect(ACME);

        assertThat(engine.connections.status(GLOBEX).state()).isEqualTo(ConnectionState.NOT_CONNECTED);
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void disconnectEndsTheConnectionToItsOrganisationAndForgetsIt() {
        String tenant = engine.connect(ACME).tenantId();

        ConnectionStatus status = engine.connections.disconnect(ACME);

        assertThat(status.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
        assertThat(xero.disconnectedTenants).containsExactly(tenant);
        assertThat(xero.revoked).hasSize(1);
        assertThat(engine.stores.connections().find(ACME, "xero")).isEmpty();
    }

    @Test
    void tokensAreStoredEncrypted() throws Exception {
        engine.connect(ACME);

        String stored;
        try (var connection = engine.dataSource.getConnection(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT tokens FROM connections")) {
            row.next();
            stored = row.getString(1);
        }
        assertThat(stored).doesNotContain("access-1").doesNotContain("refresh-1");
        assertThat(engine.stores.connections().find(ACME, "xero").orElseThrow().tokens().refreshToken()).isEqualTo("refresh-1");
    }

    @Test
    void connectingWithNoActiveProviderSaysSo() {
        engine.use("none");

        assertThatThrownBy(() -> engine.connections.beginAuthorization(ACME))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    }
}
