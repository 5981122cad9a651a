package io.fieldsync.accounting.quickbooks;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.fieldsync.accounting.api.spi.VendorSimulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which configuration the provider runs on: its own PID's, or a running simulator's. The simulator's only while the
 * PID holds no configuration at all (Config Admin then passes no {@code service.pid}), so a node configured for the
 * real QuickBooks Online is never redirected by a sandbox that happens to be installed, and nothing of the demo is ever written to
 * the PID: when the simulator stops, the provider is re-created on its defaults, Intuit's own endpoints.
 */
final class QboSimulatorChoice {

    private static final Logger LOG = LoggerFactory.getLogger(QboSimulatorChoice.class);
    private static final String SERVICE_PID = "service.pid";

    private QboSimulatorChoice() {
    }

    static QuickBooksConfiguration choose(QuickBooksConfiguration own, Map<String, ?> componentProperties, VendorSimulator simulator) {
        if (simulator == null) {
            return own;
        }
        Map<String, String> offered = simulator.providerConfiguration();
        if (componentProperties.containsKey(SERVICE_PID)) {
            LOG.info("QuickBooks: {} is configured, so the QuickBooks Online simulator at {} is not used", QuickBooksConfiguration.PID, offered.get("api.url"));
            return own;
        }
        LOG.warn("QuickBooks: {} is not configured; using the QuickBooks Online simulator at {} (a sandbox, not QuickBooks Online)", QuickBooksConfiguration.PID,
                offered.get("api.url"));
        return configuration(offered);
    }

    /** The PID's keys ({@code client.id}) named as the attributes ({@code client_id}); what is missing keeps its default. */
    private static QuickBooksConfiguration configuration(Map<String, String> offered) {
        return (QuickBooksConfiguration) Proxy.newProxyInstance(QuickBooksConfiguration.class.getClassLoader(), new Class<?>[] {QuickBooksConfiguration.class},
                (proxy, method, args) -> {
                    String value = offered.get(method.getName().replace('_', '.'));
                    return value != null && method.getReturnType() == String.class ? value : method.getDefaultValue();
                });
    }
}
