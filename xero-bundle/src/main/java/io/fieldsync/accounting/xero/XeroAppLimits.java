package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ProviderLimits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Xero's limits for this app, as the engine plans by them and {@code accounting:providers} shows them. Per
 * organisation: 60 calls a minute and 5 at once for every app (developer.xero.com/documentation/oauth2/limits),
 * a daily limit that depends on the app's tier ({@link XeroAppTier}); across all organisations of the app, 10,000
 * calls a minute (same page). About 50 elements per collection request (developer.xero.com/faq/limits). The daily
 * and app-wide figures are configuration because they are the app's, not Xero's constants.
 *
 * @param tier the app's pricing tier
 * @param callsPerDay calls a day per organisation
 * @param appCallsPerMinute calls a minute across all organisations of the app
 */
record XeroAppLimits(XeroAppTier tier, int callsPerDay, int appCallsPerMinute) {

    private static final Logger LOG = LoggerFactory.getLogger(XeroAppLimits.class);
    static final int CALLS_PER_MINUTE = 60;
    static final int CONCURRENT_CALLS = 5;
    static final int APP_CALLS_PER_MINUTE = 10_000;
    private static final int ELEMENTS_PER_REQUEST = 50;

    /** A new app's: Starter tier, Xero's app-wide minute limit. */
    static XeroAppLimits defaults() {
        return new XeroAppLimits(XeroAppTier.STARTER, XeroAppTier.STARTER.callsPerDay(), APP_CALLS_PER_MINUTE);
    }

    static XeroAppLimits of(XeroConfiguration configuration) {
        XeroAppTier tier = configuration.app_tier() == null ? XeroAppTier.STARTER : configuration.app_tier();
        problems(configuration).forEach(problem -> LOG.error("Xero configuration: {}", problem.message()));
        int perDay = configuration.calls_per_day() > 0 ? configuration.calls_per_day() : tier.callsPerDay();
        int appPerMinute = configuration.app_calls_per_minute() > 0 ? configuration.app_calls_per_minute() : APP_CALLS_PER_MINUTE;
        return new XeroAppLimits(tier, perDay, appPerMinute);
    }

    /** Limits that make no sense, as typed errors naming the property and the value used instead. */
    static List<SyncError> problems(XeroConfiguration configuration) {
        List<SyncError> problems = new ArrayList<>();
        XeroAppTier tier = configuration.app_tier() == null ? XeroAppTier.STARTER : configuration.app_tier();
        if (configuration.calls_per_day() < 0) {
            problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, "calls.per.day = " + configuration.calls_per_day() + " in "
                    + XeroConfiguration.PID + " is not a number of calls; using the " + tier + " tier's " + tier.callsPerDay()));
        }
        if (configuration.app_calls_per_minute() < 1) {
            problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, "app.calls.per.minute = " + configuration.app_calls_per_minute()
                    + " in " + XeroConfiguration.PID + " is not a number of calls; using Xero's " + APP_CALLS_PER_MINUTE));
        }
        return problems;
    }

    ProviderLimits limits() {
        return new ProviderLimits(CALLS_PER_MINUTE, CONCURRENT_CALLS, callsPerDay, appCallsPerMinute, Map.of(
                DocumentKind.CUSTOMER, ELEMENTS_PER_REQUEST, DocumentKind.INVOICE, ELEMENTS_PER_REQUEST,
                DocumentKind.CREDIT_NOTE, ELEMENTS_PER_REQUEST, DocumentKind.PAYMENT, ELEMENTS_PER_REQUEST));
    }
}
