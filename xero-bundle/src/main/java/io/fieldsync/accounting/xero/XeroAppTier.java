package io.fieldsync.accounting.xero;

/**
 * The Xero app's pricing tier, as developer.xero.com shows it for the app (tiers from 2 March 2026,
 * developer.xero.com/pricing and developer.xero.com/faq/pricing-and-policy-updates). The tier sets the daily
 * limit per organisation: 1,000 calls on Starter, 5,000 on the others. The Starter figure is from a secondary
 * source (support.databuzz.com.au article 742, "5 connections and 1,000 API calls per day", which also says new
 * apps start on Starter); Xero's own limits page (developer.xero.com/documentation/oauth2/limits) gives 5,000.
 */
public enum XeroAppTier {

    /** Free, at most 5 connections: new apps start here. */
    STARTER(1000),
    CORE(5000),
    PLUS(5000),
    ADVANCED(5000),
    ENTERPRISE(5000);

    private final int callsPerDay;

    XeroAppTier(int callsPerDay) {
        this.callsPerDay = callsPerDay;
    }

    /** Calls a day per organisation on this tier. */
    int callsPerDay() {
        return callsPerDay;
    }
}
