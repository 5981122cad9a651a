package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.sandbox.xero.AuDemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * Disconnecting one organisation of a grant that reaches several removes only its connection
 * ({@code DELETE /connections/{id}}, Xero identity OpenAPI): revoking the refresh token would end every organisation
 * of the grant ("Revokes all of that user's tenant connections for the app", reference/api-facts.md §1). The token is
 * revoked when the organisation was the grant's last.
 */
class XeroDisconnectTest extends XeroSandboxTestBase {

    Organisation australian;
    AuthorizationGrant both;

    @BeforeEach
    void authoriseTwoOrganisationsAtOnce() throws Exception {
        australian = AuDemoOrganisation.create(sandbox);
        sandbox.consentTo(demo, australian);
        both = provider.authorization().exchangeCode(consent(provider.authorization().authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));
        assertThat(both.organisations()).hasSize(2);
    }

    @Test
    void disconnectingOneOrganisationLeavesTheOtherConnectedAndTheGrantAlive() {
        provider.authorization().disconnect(both.tokens(), demo.tenantId().toString());

        assertThat(sandbox.tenants()).isNotEmpty();
        assertThat(proxy.exchanges).filteredOn(exchange -> "DELETE".equals(exchange.method())).singleElement()
                .satisfies(exchange -> assertThat(exchange.status()).isEqualTo(204));
        assertThat(proxy.exchanges).filteredOn(exchange -> exchange.uri().getPath().endsWith("/connect/revocation")).isEmpty();
        var refreshed = provider.authorization().refresh(both.tokens());
        var session = new io.fieldsync.accounting.api.spi.testing.TestSession(provider, refreshed, australian.tenantId().toString(),
                mappings());
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(AuDemoOrganisation.NAME);
        var nz = new io.fieldsync.accounting.api.spi.testing.TestSession(provider, refreshed, demo.tenantId().toString(), mappings());
        assertThatThrownBy(() -> provider.ledger().referenceData(nz))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
    }

    @Test
    void disconnectingTheLastOrganisationRevokesTheRefreshToken() {
        provider.authorization().disconnect(both.tokens(), demo.tenantId().toString());
        var refreshed = provider.authorization().refresh(both.tokens());

        provider.authorization().disconnect(refreshed, australian.tenantId().toString());

        assertThatThrownBy(() -> provider.authorization().refresh(refreshed))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedToReadTheConnectionsFirst() {
        clock.advance(Duration.ofMinutes(31));

        provider.authorization().disconnect(both.tokens(), demo.tenantId().toString());

        assertThat(proxy.exchanges).filteredOn(exchange -> "DELETE".equals(exchange.method())).singleElement()
                .satisfies(exchange -> assertThat(exchange.status()).isEqualTo(204));
    }
}
