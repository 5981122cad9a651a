package io.fieldsync.accounting.admin;

import java.util.List;
import java.util.Set;

import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.api.spi.ProviderLimits;

/**
 * One installed provider as {@code GET /providers} answers it: what it declares, and the configured endpoints that are
 * not its vendor's own (a node still pointed at a sandbox says so, as {@code accounting:providers} does), and what in its
 * configuration keeps it from working (a secret it cannot decrypt), naming the property.
 */
record InstalledProvider(String id, String displayName, Set<ProviderCapability> capabilities, ProviderLimits limits,
                         List<String> nonVendorEndpoints, List<SyncError> configurationProblems) {

    static InstalledProvider of(AccountingProvider provider) {
        ProviderDescriptor descriptor = provider.descriptor();
        return new InstalledProvider(descriptor.id(), descriptor.displayName(), descriptor.capabilities(), descriptor.limits(),
                List.copyOf(provider.nonVendorEndpoints()), List.copyOf(provider.configurationProblems()));
    }
}
