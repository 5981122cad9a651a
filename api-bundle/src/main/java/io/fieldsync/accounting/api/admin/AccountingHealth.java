package io.fieldsync.accounting.api.admin;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the accounting engine can do its work: its database answers, every connection is usable, and no lane (a
 * company with one accounting system) with documents due has gone without being served for too long. For monitoring,
 * the admin page, {@code accounting:health} and {@code GET /accounting/api/health}.
 */
@ProviderType
public interface AccountingHealth {

    /** Checks now; never throws (a check that cannot be made is CRITICAL, saying why). */
    HealthReport check();
}
