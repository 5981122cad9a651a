package io.fieldsync.accounting.sandbox.xero;

/**
 * Xero's API limits. Per tenant (app + organisation): 5 calls in flight, 60 calls per minute, 5,000 per day;
 * per app: 10,000 calls per minute across all tenants. Windows are fixed and start with a tenant's first call
 * (source: developer.xero.com/faq/limits, see reference/api-facts.md §5). Tests may lower them.
 */
public record XeroLimits(int tenantConcurrent, int tenantPerMinute, int tenantPerDay, int appPerMinute) {

    public XeroLimits {
        if (tenantConcurrent < 1 || tenantPerMinute < 1 || tenantPerDay < 1 || appPerMinute < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The limits of the real service (the standard tiers; the free Starter tier has 1,000/day per org). */
    public static XeroLimits real() {
        return new XeroLimits(5, 60, 5_000, 10_000);
    }

    public XeroLimits withTenantPerDay(int perDay) {
        return new XeroLimits(tenantConcurrent, tenantPerMinute, perDay, appPerMinute);
    }

    public XeroLimits withAppPerMinute(int perMinute) {
        return new XeroLimits(tenantConcurrent, tenantPerMinute, tenantPerDay, perMinute);
    }
}
