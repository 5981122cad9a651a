package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fieldsync.accounting.api.spi.VendorSimulator;

import org.junit.jupiter.api.Test;

class QboSimulatorChoiceTest {

    private static final VendorSimulator SIMULATOR = () -> Map.of("client.id", "qbo-demo-client", "client.secret", "demo-secret",
            "webhook.verifier.token", "demo-verifier", "authorize.url", "http://localhost:8181/sandbox/qbo/connect/oauth2",
            "token.url", "http://localhost:8181/sandbox/qbo/oauth2/v1/tokens/bearer",
            "revocation.url", "http://localhost:8181/sandbox/qbo/v2/oauth2/tokens/revoke", "api.url", "http://localhost:8181/sandbox/qbo");

    /** What SCR passes for a PID with no configuration: no service.pid. */
    private static final Map<String, Object> UNCONFIGURED = Map.of("component.name", "io.fieldsync.accounting.quickbooks.QuickBooksProvider");
    private static final Map<String, Object> CONFIGURED = Map.of("component.name", "io.fieldsync.accounting.quickbooks.QuickBooksProvider",
            "service.pid", QuickBooksConfiguration.PID, "client.id", "real-app");

    @Test
    void anUnconfiguredProviderRunsOnTheSimulatorWhileItIsThereAndSaysItIsNotIntuit() {
        QuickBooksSettings settings = QuickBooksSettings.of(
                QboSimulatorChoice.choose(QuickBooksSettingsTest.configuration(Map.of()), UNCONFIGURED, SIMULATOR));

        assertThat(settings.clientId()).isEqualTo("qbo-demo-client");
        assertThat(settings.clientSecret()).isEqualTo("demo-secret");
        assertThat(settings.verifierToken()).isEqualTo("demo-verifier");
        assertThat(settings.tokenUrl()).isEqualTo("http://localhost:8181/sandbox/qbo/oauth2/v1/tokens/bearer");
        assertThat(settings.scopes()).isEqualTo(QuickBooksConfiguration.ACCOUNTING_SCOPE);
        assertThat(settings.nonVendorEndpoints()).hasSize(4).contains("api.url http://localhost:8181/sandbox/qbo");
    }

    @Test
    void aConfiguredPidIsNeverOverriddenByARunningSimulator() {
        QuickBooksConfiguration own = QuickBooksSettingsTest.configuration(Map.of("client_id", "real-app", "client_secret", "real-secret"));

        QuickBooksSettings settings = QuickBooksSettings.of(QboSimulatorChoice.choose(own, CONFIGURED, SIMULATOR));

        assertThat(settings.clientId()).isEqualTo("real-app");
        assertThat(settings.apiUrl()).isEqualTo("https://quickbooks.api.intuit.com");
        assertThat(settings.nonVendorEndpoints()).isEmpty();
    }

    @Test
    void withoutASimulatorAnUnconfiguredProviderIsBackOnIntuitsOwnEndpoints() {
        QuickBooksProvider provider = new QuickBooksProvider(QuickBooksSettingsTest.configuration(Map.of()), UNCONFIGURED, null, null, null);
        try {
            assertThat(provider.nonVendorEndpoints()).isEmpty();
        } finally {
            provider.deactivate();
        }
    }

    @Test
    void theProviderItselfShowsTheSimulatorAsNonVendorEndpointsWhileItUsesIt() {
        QuickBooksProvider provider = new QuickBooksProvider(QuickBooksSettingsTest.configuration(Map.of()), UNCONFIGURED, null, null, SIMULATOR);
        try {
            assertThat(provider.nonVendorEndpoints()).contains("api.url http://localhost:8181/sandbox/qbo");
        } finally {
            provider.deactivate();
        }
    }
}
