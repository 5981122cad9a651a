package io.fieldsync.accounting.xero;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.fieldsync.accounting.api.spi.VendorSimulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which configuration the provider runs on: its own PID's, or a running simulator's. The simulator's only while the
 * PID holds no configuration at all (Config Admin then passes no {@code service.pid}), so a node configured for the
 * real Xero is never redirected by a sandbox that happens to be installed, and nothing of the demo is ever written to
 * the PID: when the simulator stops, the provider is re-created on its defaults, Xero's own endpoints.
 */
final class XeroSimulatorChoice {

    private static final Logger LOG = LoggerFactory.getLogger(XeroSimulatorChoice.class);
    private static final String SERVICE_PID = "service.pid";

    private XeroSimulatorChoice() {
    }

    static XeroConfiguration choose(XeroConfiguration own, Map<String, ?> componentProperties, VendorSimulator simulator) {
        if (simulator == null) {
            return own;
        }
        Map<String, String> offered = simulator.providerConfiguration();
        if (componentProperties.containsKey(SERVICE_PID)) {
            LOG.info("Xero: {} is configured, so the Xero simulator at {} is not used", XeroConfiguration.PID, offered.get("api.url"));
            return own;
        }
        LOG.warn("Xero: {} is not configured; using the Xero simulator at {} (a sandbox, not Xero)", XeroConfiguration.PID,
                offered.get("api.url"));
        return configuration(offered);
    }

    /** The PID's keys ({@code client.id}) named as the attributes ({@code client_id}); what is missing keeps its default. */
    private static XeroConfiguration configuration(Map<String, String> offered) {
        return (XeroConfiguration) Proxy.newProxyInstance(XeroConfiguration.class.getClassLoader(), new Class<?>[] {XeroConfiguration.class},
                (proxy, method, args) -> {
                    String value = offered.get(method.getName().replace('_', '.'));
                    return value != null && method.getReturnType() == String.class ? value : method.getDefaultValue();
                });
    }
}
