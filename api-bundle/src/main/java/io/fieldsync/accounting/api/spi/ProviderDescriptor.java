package io.fieldsync.accounting.api.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who a provider is and what it can do.
 *
 * @param id the short id admins choose it by ({@code xero}, {@code quickbooks}); lower case letters, digits, dashes
 * @param displayName the name shown to people
 * @param capabilities what it supports
 * @param limits the accounting system's limits
 */
public record ProviderDescriptor(String id, String displayName, Set<ProviderCapability> capabilities, ProviderLimits limits) {

    /** Validates the parts. */
    public ProviderDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("provider id must be lower case letters, digits or dashes: " + id);
        }
        Objects.requireNonNull(displayName, "display name");
        capabilities = capabilities == null || capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        Objects.requireNonNull(limits, "limits");
    }

    /** Whether it declares {@code capability}. */
    public boolean supports(ProviderCapability capability) {
        return capabilities.contains(capability);
    }
}
