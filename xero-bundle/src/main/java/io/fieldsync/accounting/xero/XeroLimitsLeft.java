package io.fieldsync.accounting.xero;

import java.util.Collection;
import java.util.Set;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;

/**
 * The engine's session for one push, remembering what Xero's last response said was left of its limits
 * ({@code X-MinLimit-Remaining}, {@code X-DayLimit-Remaining}, {@code X-AppMinLimit-Remaining}). A credit-note push is
 * one engine call of 1 + one allocation per note (Xero has no batch form for allocations, api-facts), and the engine
 * cannot stop inside it: the push itself stops allocating when Xero says nothing is left, instead of spending a 429.
 */
final class XeroLimitsLeft implements ProviderSession {

    private final ProviderSession session;
    private volatile RateLimit spent;

    XeroLimitsLeft(ProviderSession session) {
        this.session = session;
    }

    /** The limit the last response said is spent (0 remaining), or null while calls are left. */
    RateLimit spent() {
        return spent;
    }

    @Override
    public void observe(RateLimitObservation limits) {
        if (limits.problem() == null && limits.retryAfter() == null) {
            spent = zero(limits.minuteRemaining()) ? RateLimit.MINUTE
                    : zero(limits.appMinuteRemaining()) ? RateLimit.APP_MINUTE
                    : zero(limits.dayRemaining()) ? RateLimit.DAY : null;
        }
        session.observe(limits);
    }

    private static boolean zero(Integer remaining) {
        return remaining != null && remaining <= 0;
    }

    @Override
    public CompanyId company() {
        return session.company();
    }

    @Override
    public String tenantId() {
        return session.tenantId();
    }

    @Override
    public String accessToken() {
        return session.accessToken();
    }

    @Override
    public String refreshedAccessToken(String rejected) {
        return session.refreshedAccessToken(rejected);
    }

    @Override
    public void record(SyncLogEntry call) {
        session.record(call);
    }

    @Override
    public void recordBatch(SyncLogEntry call, int items) {
        session.recordBatch(call, items);
    }

    @Override
    public Set<String> claimedByOthers(DocumentRef document, Collection<String> remoteIds) {
        return session.claimedByOthers(document, remoteIds);
    }
}
