package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.sandbox.xero.AuDemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * The organisations offered after a consent are those the admin just authorised, not every organisation the same Xero
 * user connected to the app before: {@code GET /connections?authEventId=} with the access token's
 * {@code authentication_event_id} (Xero identity OpenAPI, /Connections "authEventId" filter).
 */
class XeroOrganisationPickerTest extends XeroSandboxTestBase {

    @Test
    void aSecondConsentOffersOnlyTheOrganisationsChosenInIt() throws Exception {
        Organisation australian = AuDemoOrganisation.create(sandbox);
        sandbox.consentTo(australian);

        AuthorizationGrant grant = provider.authorization().exchangeCode(consent(provider.authorization().authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));

        assertThat(grant.organisations()).extracting(organisation -> organisation.tenantId())
                .containsExactly(australian.tenantId().toString());
        assertThat(proxy.exchanges).filteredOn(exchange -> exchange.uri().getPath().endsWith("/connections")).last()
                .satisfies(exchange -> assertThat(exchange.uri().getQuery()).startsWith("authEventId="));
    }

    @Test
    void theFirstConsentOffersEveryOrganisationChosenInIt() throws Exception {
        Organisation australian = AuDemoOrganisation.create(sandbox);
        sandbox.consentTo(demo, australian);

        AuthorizationGrant grant = provider.authorization().exchangeCode(consent(provider.authorization().authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));

        assertThat(grant.organisations()).extracting(organisation -> organisation.tenantId())
                .containsExactlyInAnyOrder(demo.tenantId().toString(), australian.tenantId().toString());
    }
}
