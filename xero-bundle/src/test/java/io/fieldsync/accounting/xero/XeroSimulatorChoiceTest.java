package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fieldsync.accounting.api.spi.VendorSimulator;

import org.junit.jupiter.api.Test;

class XeroSimulatorChoiceTest {

    private static final VendorSimulator SIMULATOR = () -> Map.of("client.id", "fieldsync-demo", "client.secret", "demo-secret",
            "webhook.key", "demo-webhook-key", "redirect.uri", "http://localhost:8181/accounting/oauth/callback",
            "authorize.url", "http://localhost:8181/sandbox/xero/login/identity/connect/authorize",
            "identity.url", "http://localhost:8181/sandbox/xero/identity", "api.url", "http://localhost:8181/sandbox/xero");

    /** What SCR passes for a PID with no configuration: no service.pid. */
    private static final Map<String, Object> UNCONFIGURED = Map.of("component.name", "io.fieldsync.accounting.xero.XeroProvider");
    private static final Map<String, Object> CONFIGURED = Map.of("component.name", "io.fieldsync.accounting.xero.XeroProvider",
            "service.pid", XeroConfiguration.PID, "client.id", "real-app");

    @Test
    void anUnconfiguredProviderRunsOnTheSimulatorWhileItIsThereAndSaysItIsNotXero() {
        XeroSettings settings = XeroSettings.of(XeroSimulatorChoice.choose(XeroSettingsTest.configuration(Map.of()), UNCONFIGURED, SIMULATOR));

        assertThat(settings.clientId()).isEqualTo("fieldsync-demo");
        assertThat(settings.clientSecret()).isEqualTo("demo-secret");
        assertThat(settings.webhookKey()).isEqualTo("demo-webhook-key");
        assertThat(settings.apiUrl()).isEqualTo("http://localhost:8181/sandbox/xero");
        assertThat(settings.scopes()).isEqualTo(XeroConfiguration.GRANULAR_SCOPES);
        assertThat(settings.nonVendorEndpoints()).containsExactly(
                "authorize.url http://localhost:8181/sandbox/xero/login/identity/connect/authorize",
                "identity.url http://localhost:8181/sandbox/xero/identity", "api.url http://localhost:8181/sandbox/xero");
    }

    @Test
    void aConfiguredPidIsNeverOverriddenByARunningSimulator() {
        XeroConfiguration own = XeroSettingsTest.configuration(Map.of("client_id", "real-app", "client_secret", "real-secret"));

        XeroSettings settings = XeroSettings.of(XeroSimulatorChoice.choose(own, CONFIGURED, SIMULATOR));

        assertThat(settings.clientId()).isEqualTo("real-app");
        assertThat(settings.apiUrl()).isEqualTo("https://api.xero.com");
        assertThat(settings.nonVendorEndpoints()).isEmpty();
    }

    @Test
    void withoutASimulatorAnUnconfiguredProviderIsBackOnXerosOwnEndpoints() {
        XeroProvider provider = new XeroProvider(XeroSettingsTest.configuration(Map.of()), UNCONFIGURED, null, null, null);
        try {
            assertThat(provider.nonVendorEndpoints()).isEmpty();
        } finally {
            provider.deactivate();
        }
    }

    @Test
    void theProviderItselfShowsTheSimulatorAsNonVendorEndpointsWhileItUsesIt() {
        XeroProvider provider = new XeroProvider(XeroSettingsTest.configuration(Map.of()), UNCONFIGURED, null, null, SIMULATOR);
        try {
            assertThat(provider.nonVendorEndpoints()).contains("api.url http://localhost:8181/sandbox/xero");
        } finally {
            provider.deactivate();
        }
    }
}
