package io.fieldsync.accounting.api.spi;

import java.util.Map;

/**
 * A running simulator of one vendor (the sandbox bundle's Xero or QuickBooks Online), registered as an OSGi service
 * with the {@value AccountingProvider#PROVIDER_PROPERTY} property naming the provider it stands in for, only while it
 * runs. It tells that provider where it is and which demo app it accepts, so that a demo needs no configuration
 * written into the provider's own PID.
 * <p>
 * A provider uses it only while its PID holds no configuration at all: a node with a real configuration is never
 * redirected to a simulator that happens to be installed, and removing the simulator leaves nothing behind.
 */
public interface VendorSimulator {

    /**
     * The provider configuration the simulator answers to, keyed as in the provider's PID ({@code client.id},
     * {@code client.secret}, {@code api.url}, ...); what it leaves out keeps the provider's default.
     */
    Map<String, String> providerConfiguration();
}
