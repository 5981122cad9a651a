package io.fieldsync.accounting.api.admin;

import java.time.Instant;
import java.util.Objects;

import io.fieldsync.accounting.api.CompanyId;

/**
 * A company's accounting system, for status displays.
 *
 * @param company the company
 * @param provider the provider id its new documents go to, or {@code none}
 * @param chosen true when an admin chose it for this company, false when it is the configured default
 * @param installed true when that provider is installed now
 * @param chosenBy who chose it, or null for the default
 * @param chosenAt when, or null for the default
 * @param waitingReason why the company's new documents cannot go now (none chosen, not installed), or null
 * @since 1.1
 */
public record CompanyProvider(CompanyId company, String provider, boolean chosen, boolean installed, String chosenBy,
                              Instant chosenAt, String waitingReason) {

    /** Validates the parts. */
    public CompanyProvider {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(provider, "provider");
    }
}
